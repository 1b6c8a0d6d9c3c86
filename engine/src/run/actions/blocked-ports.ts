// The ports Node's fetch refuses to connect to, as browsers do: the Fetch standard's "bad ports"
// (https://fetch.spec.whatwg.org/#port-blocking: ssh, smtp, irc, X11 and other services that a
// request could be made to talk to). fetch fails on them with only "bad port"; http.ts names the
// URL and the rule instead. Checked against Node 20's fetch: it refuses exactly these.
const BLOCKED = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111,
  113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548,
  554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
  6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** The port a URL connects to (its default when it names none). */
function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/**
 * The error for fetch's "bad port": the URL's own port when it is one of the blocked ones, else a
 * redirect led to one (fetch follows redirects and checks each URL).
 */
export function badPortMessage(method: string, url: URL): string {
  const rule = "a port Node's HTTP client (fetch) refuses to connect to, as browsers do (the Fetch standard's blocked ports)";
  const port = portOf(url);
  if (BLOCKED.has(port)) return `http: ${method} ${url.href}: port ${port} is ${rule}; serve it on another port`;
  return `http: ${method} ${url.href}: a redirect led to ${rule}`;
}
