// A chain of workflow files where each calls the next from several steps (w0 -> w1 -> ... -> leaf):
// the input that makes calls multiply, shared by the analyser's and the plan's tests of it.

/** `depth` files of `fanOut` calls each to the next, then a file with one stub step; w0 is the entry. */
export function callChain(depth = 7, fanOut = 4): Record<string, string> {
  const ids = 'abcdefghijklmnopqrstuvwxyz'.slice(0, fanOut).split('');
  const files: Record<string, string> = {};
  for (let i = 0; i < depth; i++) {
    files[`w${i}.weft.yaml`] = `steps:\n${ids.map((id) => `  - { id: ${id}, workflow: { path: ./w${i + 1}.weft.yaml } }`).join('\n')}\n`;
  }
  files[`w${depth}.weft.yaml`] = 'steps:\n  - { id: leaf, stub: true }\n';
  return files;
}
