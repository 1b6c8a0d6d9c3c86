// A small local JSON API for examples/multi-source-fetch.weft.yaml: started in the background by
// the workflow's first step, prints its URL to stdout, answers with a little latency so that the
// parallel fetches visibly overlap, and exits by itself once idle for 2 seconds (or after 60).
import http from 'node:http';

const data = {
  '/users': [{ id: 1, name: 'Ada' }, { id: 2, name: 'Grace' }, { id: 3, name: 'Linus' }],
  '/orders': [{ id: 10, user: 1, total: 42 }, { id: 11, user: 3, total: 7 }],
  '/inventory': { widgets: 120, gadgets: 8 },
};
const latency = { '/users': 300, '/orders': 600, '/inventory': 450 };
let idle;
const bump = () => {
  clearTimeout(idle);
  idle = setTimeout(() => process.exit(0), 2000);
};
const server = http.createServer((req, res) => {
  bump();
  const url = new URL(req.url ?? '/', 'http://local');
  const body = data[url.pathname];
  setTimeout(() => {
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ? { source: url.pathname.slice(1), query: Object.fromEntries(url.searchParams), data: body } : { error: 'not found' }));
  }, latency[url.pathname] ?? 0);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
  bump();
});
setTimeout(() => process.exit(0), 60_000).unref();
