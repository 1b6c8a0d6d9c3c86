// Placeholder until `weft run` lands: says so and exits 2 (wrong usage), as the issue asks.
export async function runCommand(args: string[]): Promise<number> {
  void args;
  process.stderr.write('weft: `run` is not available in this build yet\n');
  return 2;
}
