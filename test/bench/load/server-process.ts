import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitUntilReady } from '../../support/process';
import { cpuSeconds, findListeningPid, isAlive, vmMiB } from './proc';

export const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** How often the server's RSS is sampled (VmHWM gives the true peak; samples show the shape). */
const SAMPLE_MS = 200;
/** Server stderr kept for the report: enough to see what failed, never whole logs. */
const STDERR_KEEP = 8192;
/** Node's deprecation notices (restify 11 on Node 20) say nothing about the run: not counted. */
const NOISE = /DeprecationWarning|--trace-deprecation/;

export interface Memory {
  /** RSS once the server printed its URL, before any load. */
  startMiB: number | undefined;
  peakSampledMiB: number | undefined;
  /** Kernel's high-water mark of RSS, read just before stopping. */
  vmHwmMiB: number | undefined;
  samples: number;
}

export interface Stopped {
  memory: Memory;
  /** CPU seconds the serving process used between its URL line and stop() (the load phase, mostly). */
  cpuSeconds: number | undefined;
  /** How the server ended: 'sigterm' within the grace time, else 'sigkill'. */
  exit: 'sigterm' | 'sigkill' | 'already-exited';
  exitCode: number | null;
  /** What the server wrote on stderr (logged turn failures, stack traces), last few KiB. */
  stderrTail: string;
  /** Lines of it, deprecation notices left out. */
  stderrLines: number;
}

export interface ServerUnderTest {
  url: string;
  /** The node process that listens (a grandchild of the spawned tsx). */
  pid: number;
  stop(): Promise<Stopped>;
}

/**
 * Starts `entry` with tsx as a real child process, waits for its `http://localhost:<port>/` line, then
 * samples the RSS of the process that listens until stop() (SIGTERM, SIGKILL after `graceMs`).
 */
export async function startServer(entry: string, env: NodeJS.ProcessEnv, startTimeoutMs: number, graceMs = 10_000): Promise<ServerUnderTest> {
  // BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") runs the server under node with
  // tsx's loader instead, for flags NODE_OPTIONS refuses; the figures are the same either way.
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean);
  const [command, args] = flags?.length ? [process.execPath, [...flags, '--require', 'tsx/cjs', join(ROOT, entry)]] : [TSX, [join(ROOT, entry)]];
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let stderrLines = 0;
  child.stdout.on('data', (d: Buffer) => {
    stdout = (stdout + d.toString()).slice(-STDERR_KEEP);
  });
  child.stderr.on('data', (d: Buffer) => {
    const text = d.toString();
    stderrLines += text.split('\n').filter((line) => line.trim() && !NOISE.test(line)).length;
    stderr = (stderr + text).slice(-STDERR_KEEP);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await waitForPort(child, () => stdout, exited, startTimeoutMs).catch(async (error: unknown) => {
    await kill(child, [], exited, graceMs);
    throw new Error(`${entry} did not start: ${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  });
  const pid = findListeningPid(child.pid!, port);
  // Measured from readiness: a service still building its models at boot is not serving yet.
  await waitUntilReady(`http://127.0.0.1:${port}`, startTimeoutMs);

  const startMiB = vmMiB(pid, 'VmRSS');
  const startCpu = cpuSeconds(pid);
  let peak = startMiB;
  let samples = 0;
  const sampler = setInterval(() => {
    const rss = vmMiB(pid, 'VmRSS');
    if (rss === undefined) return;
    samples += 1;
    peak = Math.max(peak ?? 0, rss);
  }, SAMPLE_MS);

  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    async stop() {
      clearInterval(sampler);
      const vmHwmMiB = vmMiB(pid, 'VmHWM');
      const endCpu = cpuSeconds(pid);
      const cpu = startCpu === undefined || endCpu === undefined ? undefined : Math.round((endCpu - startCpu) * 100) / 100;
      const exit = await kill(child, [pid], exited, graceMs);
      return {
        memory: { startMiB, peakSampledMiB: peak, vmHwmMiB, samples },
        cpuSeconds: cpu,
        exit,
        exitCode: child.exitCode,
        stderrTail: stderr,
        stderrLines,
      };
    },
  };
}

function waitForPort(child: ChildProcess, stdout: () => string, exited: Promise<number | null>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      const match = /http:\/\/localhost:(\d+)\//.exec(stdout());
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(Number(match[1]));
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code}`));
    });
  });
}

/**
 * SIGTERM to the spawned tsx (it passes the signal on to its node child), then SIGKILL to both if
 * either is still there after `graceMs`: a stuck server must not outlive the benchmark.
 */
async function kill(child: ChildProcess, inner: number[], exited: Promise<number | null>, graceMs: number): Promise<Stopped['exit']> {
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const allGone = () => gone() && inner.every((pid) => !isAlive(pid));
  if (allGone()) return 'already-exited';
  child.kill('SIGTERM');
  const deadline = Date.now() + graceMs;
  await within(exited, graceMs);
  // tsx exits once its child did; wait (bounded) for the grandchild too.
  while (!allGone() && Date.now() < deadline) await sleep(50);
  if (allGone()) return 'sigterm';
  for (const pid of inner) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // it ended meanwhile
    }
  }
  if (!gone()) child.kill('SIGKILL');
  await within(exited, 2000);
  return 'sigkill';
}

/** Waits for `promise` at most `ms`, without leaving a timer that keeps the process alive. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

