// Placeholder until `weft lsp` lands: says so and exits 2 (wrong usage), as the issue asks.
export async function lspCommand(args: string[]): Promise<number> {
  void args;
  process.stderr.write('weft: `lsp` is not available in this build yet\n');
  return 2;
}
