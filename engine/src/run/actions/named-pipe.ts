// A `file` step on a named pipe (FIFO). Opening one blocks until the other end is opened, and reading
// or writing it blocks while it is empty or full; done with fs calls, that blocking happens in one of
// libuv's four pool threads, where no abort reaches it: a step reading a pipe that nobody writes
// ignored its timeout and Ctrl-C, and its run never ended (found by the CLI QA). So the pipe is read
// and written through a net.Socket (libuv's poll loop, which an abort ends at once): a read opens it
// without blocking and waits for data from a writer until the writer closes it (as `cat fifo`
// does); a write waits in open() for a reader, and an abort wakes that open by opening the pipe's
// read end for an instant.
import * as fs from 'node:fs';
import * as net from 'node:net';
import { once } from 'node:events';
import { addAbortSignal } from 'node:stream';
import { promisify } from 'node:util';

const openFd = promisify(fs.open);

/** Reads the pipe `target` until its writers have closed it, handing each chunk to `take` (which may throw). */
export async function readPipe(target: string, signal: AbortSignal, take: (chunk: Buffer) => void): Promise<void> {
  signal.throwIfAborted();
  const fd = fs.openSync(target, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const socket = new net.Socket({ fd, readable: true, writable: false });
  addAbortSignal(signal, socket);
  try {
    for await (const chunk of socket as AsyncIterable<Buffer>) take(chunk);
  } finally {
    socket.destroy();
  }
}

/** Writes `content` into the pipe `target` once a process reads it. */
export async function writePipe(target: string, content: string, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  const wake = () => {
    try {
      fs.closeSync(fs.openSync(target, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK));
    } catch {
      /* gone: nothing waits on it */
    }
  };
  signal.addEventListener('abort', wake, { once: true });
  let fd: number;
  try {
    fd = await openFd(target, fs.constants.O_WRONLY);
  } finally {
    signal.removeEventListener('abort', wake);
  }
  const socket = new net.Socket({ fd, readable: false, writable: true });
  if (signal.aborted) {
    socket.destroy();
    throw signal.reason;
  }
  addAbortSignal(signal, socket);
  socket.end(content);
  try {
    await once(socket, 'finish');
  } finally {
    socket.destroy();
  }
}
