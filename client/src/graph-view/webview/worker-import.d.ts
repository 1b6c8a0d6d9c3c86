// The `worker-source:` imports (worker-source.ts): esbuild.mjs's plugin bundles the named module
// (a path relative to the importing file) for the browser and hands it over as its source text.
declare module 'worker-source:*' {
  const source: string;
  export default source;
}
