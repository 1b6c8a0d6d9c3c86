// A process that outlives the host only to clean up after it. Shell steps run in process groups of
// their own, so a host killed outright (SIGKILL, an out-of-memory kill, a crashed editor window)
// runs no exit hook and would leave them running. One small `sh` per host process, started with the
// first shell step, in a session of its own (a signal to the host's group does not reach it),
// reads the ids of live step groups from a pipe: "+<pgid>" when a step starts, "-<pgid>" when it
// ends. When the pipe closes, with the host gone for whatever reason, it sends SIGTERM to every
// group still listed and SIGKILL two seconds later; after a normal exit the list is empty and it
// simply exits. The language server never starts one: it never runs a step.
import { spawn, type ChildProcess } from 'node:child_process';

/** `$0` of the watchdog, followed by the host's pid: how tests (and people) find it in `ps`. */
export const WATCHDOG_NAME = 'weft-watchdog';

// POSIX sh (dash, bash, busybox): the live groups are kept as " 12 34 " without a subprocess per line;
// `kill -TERM "-$g"` signals the group (dash does not take `kill --`).
const SCRIPT = `
groups=' '
while IFS= read -r line; do
  case $line in
    +*) groups="$groups\${line#+} " ;;
    -*) id=\${line#-}; case $groups in *" $id "*) groups="\${groups%%" $id "*} \${groups#*" $id "}" ;; esac ;;
  esac
done
set -- $groups
[ $# -eq 0 ] && exit 0
for g in "$@"; do kill -TERM "-$g" 2>/dev/null; done
sleep 2
for g in "$@"; do kill -KILL "-$g" 2>/dev/null; done
exit 0
`;

let watchdog: ChildProcess | undefined;

/** Starts the watchdog and tells it about every live group (nothing where process groups do not exist, or it cannot start). */
function start(live: () => Iterable<number>): void {
  if (process.platform === 'win32') return;
  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', SCRIPT, WATCHDOG_NAME, String(process.pid)], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    return;
  }
  watchdog = child;
  // Neither the process nor its pipe keeps the host's event loop alive.
  child.unref();
  (child.stdin as { unref?: () => void } | null)?.unref?.();
  child.stdin?.on('error', () => undefined); // it died: the next step starts a new one
  child.once('error', () => undefined);
  child.once('exit', () => {
    if (watchdog === child) watchdog = undefined;
  });
  // The first watchdog, or one replacing a watchdog that died, learns about every running group.
  for (const pgid of live()) child.stdin?.write(`+${pgid}\n`);
}

/** Tells the watchdog that the process group `pgid` is live; `live` lists every live group (`pgid` included), for a new watchdog. */
export function watchGroup(pgid: number, live: () => Iterable<number>): void {
  if (watchdog) watchdog.stdin?.write(`+${pgid}\n`);
  else start(live);
}

/** Tells the watchdog that the process group `pgid` has ended. */
export function unwatchGroup(pgid: number): void {
  watchdog?.stdin?.write(`-${pgid}\n`);
}
