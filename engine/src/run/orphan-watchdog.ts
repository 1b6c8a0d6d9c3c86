// A process that outlives the host only to clean up after it. Shell steps run in process groups of
// their own, so a host killed outright (SIGKILL, an out-of-memory kill, a crashed editor window)
// runs no exit hook and would leave them running. One small `sh` per host process, started with the
// first shell step, in a session of its own (a signal to the host's group does not reach it),
// reads the ids of live step groups from a pipe: "+<pgid>" when a step starts, "-<pgid>" when it
// ends. When the pipe closes, with the host gone for whatever reason, it sends SIGTERM to every
// group still listed and SIGKILL two seconds later; after a normal exit the list is empty and it
// simply exits. It is also told the host's token ("t<host>", tracked-processes.ts): when
// the pipe closes, the processes that left their step's group but still carry one of the host's
// WEFT_TRACKING_IDs are found with one `grep -lz` over /proc/[0-9]*/environ and get the same
// SIGTERM, then SIGKILL (each read again right before its signal, in case its pid was reused).
// The language server never starts one: it never runs a step.
import { spawn, type ChildProcess } from 'node:child_process';
import { hostTrackingPrefix, TRACKING_VAR } from './tracked-processes.js';

/** `$0` of the watchdog, followed by the host's pid: how tests (and people) find it in `ps`. */
export const WATCHDOG_NAME = 'weft-watchdog';

// POSIX sh (dash, bash, busybox): the live groups are kept as " 12 34 " without a subprocess per line;
// `kill -TERM "-$g"` signals the group (dash does not take `kill --`). `tracked` lists the environ
// files of the host's tracked processes (GNU grep; a grep without -z finds nothing, as before; its
// exit status is not used: -l exits 2 when any environ cannot be read, matches or not: pid 1's, a
// process that has exited since the glob, one grep may not read);
// `signal` checks each again with grep -qz right before signalling it. The host token is hex.
const SCRIPT = `
groups=' '
pat=
while IFS= read -r line; do
  case $line in
    +*) groups="$groups\${line#+} " ;;
    -*) id=\${line#-}; case $groups in *" $id "*) groups="\${groups%%" $id "*} \${groups#*" $id "}" ;; esac ;;
    t*) pat="^${TRACKING_VAR}=\${line#t}[.]" ;;
  esac
done
tracked() { [ -n "$pat" ] && grep -lz "$pat" /proc/[0-9]*/environ 2>/dev/null; }
signal() {
  for f in $2; do
    p=\${f#/proc/}; p=\${p%/environ}
    grep -qz "$pat" "$f" 2>/dev/null && kill "-$1" "$p" 2>/dev/null
  done
}
set -- $groups
found=$(tracked)
[ $# -eq 0 ] && [ -z "$found" ] && exit 0
for g in "$@"; do kill -TERM "-$g" 2>/dev/null; done
signal TERM "$found"
sleep 2
for g in "$@"; do kill -KILL "-$g" 2>/dev/null; done
signal KILL "$(tracked)"
exit 0
`;

let watchdog: ChildProcess | undefined;

/** Starts the watchdog and tells it about every live group (nothing where process groups do not exist, or it cannot start). */
function start(live: () => Iterable<number>): void {
  if (process.platform === 'win32') return;
  let child: ChildProcess;
  try {
    // Without a WEFT_TRACKING_ID of its own (a host run inside another Weft's step inherits one):
    // the enclosing Weft's reaping must not kill the watchdog before it has cleaned up.
    const env = { ...process.env };
    delete env[TRACKING_VAR];
    child = spawn('/bin/sh', ['-c', SCRIPT, WATCHDOG_NAME, String(process.pid)], { detached: true, env, stdio: ['pipe', 'ignore', 'ignore'] });
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
  // The first watchdog, or one replacing a watchdog that died, learns the host's tracking prefix
  // (over the pipe, not in its arguments, which every user can read) and every running group.
  const prefix = hostTrackingPrefix();
  if (prefix !== undefined) child.stdin?.write(`t${prefix.slice(0, -1)}\n`);
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
