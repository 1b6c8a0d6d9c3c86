// The `worker-source:` imports (worker-source.ts): the plugin esbuild.mjs builds with
// (scripts/webview-build.mjs) bundles the named module (a path relative to the importing file) for
// the browser and hands it over as its source text.
declare module 'worker-source:*' {
  const source: string;
  export default source;
}
