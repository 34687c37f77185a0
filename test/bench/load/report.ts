import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { dirname } from 'node:path';
import type { LoadResult } from './load';
import type { Options } from './options';
import type { Stopped } from './server-process';

export interface ScenarioReport {
  name: string;
  description: string;
  entry: string;
  /** Spawn → URL printed (tsx compile + the server's own start-up). */
  serverStartSeconds?: number;
  /** Time to write the prefilled conversations through the storage API. */
  prefillSeconds?: number;
  load?: LoadResult;
  server?: Omit<Stopped, 'stderrTail'> & { stderrTail?: string };
  /** Why the scenario did not run or did not finish (failed start, prefill missing, deadline). */
  failure?: string;
}

export interface Report {
  date: string;
  machine: { os: string; cpuModel: string; cpuCount: number; totalMemoryGiB: number; node: string };
  options: Options;
  scenarios: ScenarioReport[];
}

export function machine(): Report['machine'] {
  const cores = cpus();
  return {
    os: `${osType()} ${release()}`,
    cpuModel: cores[0]?.model ?? 'unknown',
    cpuCount: cores.length,
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

const mib = (x: number | undefined): string => (x === undefined ? '?' : `${Math.round(x)}`);

/** One row per scenario, then each scenario's error breakdown and notes. */
export function table(report: Report): string {
  const head = ['scenario', 'people', 'conc', 'ok/failed', 'turns', 'wall s', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'welcome p95', 'errors', 'srv CPU s', 'RSS start', 'RSS peak', 'VmHWM MiB'];
  const rows = report.scenarios.map((s) => {
    const l = s.load;
    const m = s.server?.memory;
    if (!l) return [s.name, ...head.slice(1).map(() => '-')];
    return [
      s.name,
      String(l.people),
      String(l.concurrency),
      `${l.conversations.completed}/${l.conversations.failed}`,
      String(l.turns),
      l.wallSeconds.toFixed(1),
      l.turnsPerSecond.toFixed(1),
      l.turnLatencyMs.p50.toFixed(1),
      l.turnLatencyMs.p95.toFixed(1),
      l.turnLatencyMs.p99.toFixed(1),
      l.welcomeLatencyMs.p95.toFixed(0),
      String(l.errors.count),
      s.server?.cpuSeconds?.toFixed(1) ?? '?',
      mib(m?.startMiB),
      mib(m?.peakSampledMiB),
      mib(m?.vmHwmMiB),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  for (const s of report.scenarios) {
    if (s.failure) out.push(`${s.name}: ${s.failure}`);
    const kinds = Object.entries(s.load?.errors.byKind ?? {});
    if (kinds.length > 0) out.push(`${s.name} errors: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const notes = Object.entries(s.load?.notes ?? {});
    if (notes.length > 0) out.push(`${s.name} notes: ${notes.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    if (s.server && s.server.stderrLines > 0) out.push(`${s.name}: the server wrote ${s.server.stderrLines} stderr line(s); see stderrTail in the JSON`);
    if (s.server && s.server.exit === 'sigkill') out.push(`${s.name}: the server ignored SIGTERM and was killed`);
  }
  return out.join('\n');
}

export function writeReport(file: string, report: Report): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
