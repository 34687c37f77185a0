import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * Linux /proc readers for the server's memory. `tsx` runs the entry in a child node process, so the
 * process we spawn is not the one serving: we look for the descendant that owns the listening socket.
 */

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended, or /proc is not there
  }
}

/** Children of every thread of `pid` (a child may be forked from any thread). */
function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children = tasks.flatMap((task) => (read(`/proc/${pid}/task/${task}/children`) ?? '').trim().split(/\s+/));
  return [...new Set(children.filter(Boolean).map(Number))];
}

/** `pid` and all its descendants, parents first (bounded: a process tree here has a handful of nodes). */
export function processTree(pid: number): number[] {
  const seen: number[] = [];
  const queue = [pid];
  while (queue.length > 0 && seen.length < 1000) {
    const next = queue.shift()!;
    if (seen.includes(next)) continue;
    seen.push(next);
    queue.push(...childrenOf(next));
  }
  return seen;
}

/** Socket inodes listening on `port` (IPv4 and IPv6 tables; state 0A is LISTEN). */
function listeningInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (read(table) ?? '').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  return inodes;
}

function ownsSocket(pid: number, inodes: Set<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return match !== null && inodes.has(match[1]!);
    } catch {
      return false; // fd closed meanwhile
    }
  });
}

/** The process under `rootPid` that listens on `port`; the deepest descendant if none is found. */
export function findListeningPid(rootPid: number, port: number): number {
  const tree = processTree(rootPid);
  const inodes = listeningInodes(port);
  return tree.find((pid) => ownsSocket(pid, inodes)) ?? tree.at(-1) ?? rootPid;
}

/** A `Vm*` line of /proc/<pid>/status in MiB (VmRSS now, VmHWM = peak RSS); undefined once it exited. */
export function vmMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(read(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) / 1024 : undefined;
}

/**
 * CPU time (user + system) the process has used so far, in seconds. Fields 14 and 15 of
 * /proc/<pid>/stat, counted after the command name, which may hold spaces (hence the last ')').
 * Clock ticks are 100 per second on Linux x86 and arm64.
 */
export function cpuSeconds(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Running (a zombie awaiting its parent's wait() counts as gone). */
export function isAlive(pid: number): boolean {
  const state = /^State:\s+(\S)/m.exec(read(`/proc/${pid}/status`) ?? '');
  return state !== null && state[1] !== 'Z';
}
