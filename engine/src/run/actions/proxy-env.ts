// Which proxy an http or llm step's request goes through, read from the run's environment the way
// curl, git and GitHub's runner read it (docs/engine.md, "Proxies"): `https_proxy`/`HTTPS_PROXY`
// for an https URL, `http_proxy`/`HTTP_PROXY` for an http one (neither stands in for the other),
// `no_proxy`/`NO_PROXY` for the hosts reached directly. A loopback host is always reached directly,
// as Go's net/http and GitHub's http-client do: a proxy elsewhere cannot reach this machine's
// loopback. Pure: no request is made here.
import { BlockList, isIP } from 'node:net';
import { getOwn } from '../../model/own-keys.js';

export interface ProxyChoice {
  /** The proxy, `http:` or `https:`, credentials included (never printed: see `shown`). */
  url: URL;
  /** The variable it was read from. */
  variable: string;
  /** How messages name it: origin and variable, without credentials. */
  shown: string;
}

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The first of the variables that is set and not empty, lower case first (curl reads that one first). */
function read(env: Record<string, string | undefined>, name: string): { variable: string; value: string } | undefined {
  for (const variable of [name, name.toUpperCase()]) {
    const value = getOwn(env, variable)?.trim();
    if (value) return { variable, value };
  }
  return undefined;
}

/** `host` without IPv6 brackets. */
function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function isLoopback(host: string): boolean {
  const h = bare(host).toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * Whether `no_proxy` sends `target` directly: `*` for every host; a name for itself and its
 * subdomains (`example.com`, `.example.com` and `*.example.com` alike); an IP address, or a CIDR
 * range (`10.0.0.0/8`) for a target written as an address; each with an optional `:port`.
 */
export function bypasses(noProxy: string, target: URL): boolean {
  const host = bare(target.hostname).toLowerCase();
  const port = Number(target.port) || DEFAULT_PORT[target.protocol] || 0;
  const family = isIP(host);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const withPort = /^(\[[^\]]*\]|[^:]*):(\d+)$/.exec(entry);
    if (withPort) {
      if (Number(withPort[2]) !== port) continue;
      entry = withPort[1];
    }
    entry = bare(entry);
    const cidr = /^(.+)\/(\d+)$/.exec(entry);
    if (family !== 0) {
      const ip = cidr ? cidr[1] : entry;
      const kind = isIP(ip);
      if (kind === 0) continue;
      const list = new BlockList();
      const type = kind === 4 ? 'ipv4' : 'ipv6';
      if (cidr) list.addSubnet(ip, Number(cidr[2]), type);
      else list.addAddress(ip, type);
      if (list.check(host, family === 4 ? 'ipv4' : 'ipv6')) return true;
      continue;
    }
    const name = entry.replace(/^\*?\./, '');
    if (name && (host === name || host.endsWith(`.${name}`))) return true;
  }
  return false;
}

/**
 * The proxy for a request to `target`, or undefined to go directly. A proxy that is not an http(s)
 * URL throws, naming the variable (its value is not repeated: it may hold a password); the step's
 * action puts its request before it, as for any failed request.
 */
export function proxyFor(target: URL, env: Record<string, string | undefined>): ProxyChoice | undefined {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
  const set = read(env, target.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (!set || isLoopback(target.hostname)) return undefined;
  const noProxy = read(env, 'no_proxy');
  if (noProxy && bypasses(noProxy.value, target)) return undefined;
  let url: URL;
  try {
    // curl takes `proxy.corp:3128` as http://proxy.corp:3128.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(set.value) ? set.value : `http://${set.value}`);
  } catch {
    throw new Error(`${set.variable} is not a proxy URL (expected http://host:port)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${set.variable}: ${url.protocol.slice(0, -1)} proxies are not supported (expected an http:// or https:// proxy)`);
  }
  return { url, variable: set.variable, shown: `the proxy ${url.origin} (${set.variable})` };
}
