// A reader that goes away early (`weft plan x | head -3`) closes the pipe: Node then reports EPIPE
// as an 'error' event, which crashes the process with a stack trace when nothing listens. The
// command line listens: what can no longer be shown is dropped, and the command finishes as it
// would have (a run still runs to its end and writes its record), with its own exit code.
// EIO: the terminal hung up (its window closed, an SSH connection dropped); `weft run` then cancels
// its run on the SIGHUP and writes its record to the end (run-command.ts).
const GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ECONNRESET', 'EIO']);

export function tolerateClosedPipes(): void {
  for (const s of [process.stdout, process.stderr]) {
    s.on('error', (e: Error & { code?: string }) => {
      if (!GONE.has(e.code ?? '')) throw e;
    });
  }
}
