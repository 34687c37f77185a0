/**
 * `npm run bench:kb`: the knowledge-base benchmark (a report, not a timed test; it never fails on a target).
 *
 * Builds a synthetic catalog (100,000 resources by default, over the 101 departments), then measures:
 * catalog generation, index build (buildIndex + the lazily built word indexes of search), heap after build,
 * `orient` and `search` latencies, and the same profiles and queries answered by a naive baseline (fuse.js
 * over the whole catalog, filters after the fact) in the same run. Prints a table and writes
 * `test-results/bench-kb.json`.
 *
 * Environment: BENCH_RESOURCES (default 100000), BENCH_PROFILES (500), BENCH_QUERIES (300),
 * BENCH_BASELINE_SECONDS (time budget of the two baselines together, default 90; the baseline is measured on
 * an evenly spread subset of profiles/queries that fits the budget).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ResourceSchema } from '../../knowledge/catalog/schema';
import { ProfileSchema, type Profile } from '../../knowledge/contracts/profile';
import { resolveLocation } from '../../knowledge/geo';
import { buildIndex, type CatalogIndex } from '../../knowledge/index/build';
import { recommend } from '../../knowledge/index/recommend';
import { search } from '../../knowledge/index/search';
import { createEngine, type Engine } from '../../knowledge/orient';
import { baselineRecommend, baselineSearch, buildBaselineFuse } from './baseline';
import { generateCatalog, generateProfiles, generateQueries, type BenchQuery } from './synthetic';

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 100_000);
const PROFILES = Number(process.env.BENCH_PROFILES ?? 500);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const BASELINE_BUDGET_MS = Number(process.env.BENCH_BASELINE_SECONDS ?? 90) * 1000;
/** Measured passes over the profiles and queries (after one warm-up pass). */
const PASSES = 2;
const TODAY = new Date('2026-11-23T12:00:00Z');
const OUT = join(__dirname, '..', '..', 'test-results', 'bench-kb.json');

const TARGETS = { orientP99Ms: 5, speedUp: 20, buildMs: 3000 } as const;

const say = (line = ''): void => void process.stdout.write(`${line}\n`);
const now = (): number => performance.now();
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

function timed<T>(f: () => T): [T, number] {
  const start = now();
  const value = f();
  return [value, now() - start];
}

interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles, in milliseconds. */
function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, mean: round(mean), p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(at(100)) };
}

const median = (xs: readonly number[]): number => stats(xs).p50;

/** `count` indexes spread evenly over `total` (deterministic subset). */
function spread(total: number, count: number): number[] {
  if (count >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor((i * total) / count));
}

/**
 * Runs `run(i)` for evenly spread items until the budget is spent (at least `min` items). The order visits
 * coarse strides first, so whatever fits is a spread sample, not the first few items.
 */
function budgeted(total: number, budgetMs: number, min: number, run: (i: number) => void): { indexes: number[]; samples: number[] } {
  const order: number[] = [];
  const seen = new Set<number>();
  for (let step = 64; step >= 1; step = Math.floor(step / 2)) {
    for (const i of spread(total, Math.ceil(total / step))) {
      if (seen.has(i)) continue;
      seen.add(i);
      order.push(i);
    }
    if (step === 1) break;
  }
  const start = now();
  const indexes: number[] = [];
  const samples: number[] = [];
  for (const i of order) {
    if (indexes.length >= min && now() - start + (samples.length ? median(samples) : 0) > budgetMs) break;
    const [, ms] = timed(() => run(i));
    indexes.push(i);
    samples.push(ms);
  }
  return { indexes, samples };
}

function table(rows: (string | number)[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  rows.forEach((r, i) => {
    say(`  ${r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]!) : String(cell).padStart(widths[c]!))).join('  ')}`);
    if (i === 0) say(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  });
}

const ms = (x: number): string => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(3)) : '–');
const ratio = (a: number, b: number): number => round(a / b, 1);
const verdict = (ok: boolean): string => (ok ? 'MET' : 'NOT MET');

function partitionStats(index: CatalogIndex) {
  let lists = 0;
  let largest = { key: '', size: 0 };
  for (const [key, byTheme] of index.partitions) {
    for (const [theme, { primary, secondary }] of byTheme) {
      lists++;
      const size = primary.length + secondary.length;
      if (size > largest.size) largest = { key: `${key}|${theme}`, size };
    }
  }
  const cells = [...index.grid.values()].map((l) => l.primary.length + l.secondary.length);
  return {
    partitions: index.partitions.size,
    themeLists: lists,
    largestThemeList: largest,
    gridCells: cells.length,
    largestGridCell: Math.max(0, ...cells),
    withPoint: index.points.filter(Boolean).length,
  };
}

function main(): void {
  const gcExposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
  say(`Boussole knowledge-base benchmark — ${RESOURCES.toLocaleString('en')} resources, ${PROFILES} profiles, ${QUERIES} queries`);
  say(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, gc ${gcExposed ? 'exposed' : 'NOT exposed (heap figures include garbage)'}`);
  say();

  // 1. Geography data (communes, points, fuzzy names): loaded once per process, shared by everything below.
  const [, geoMs] = timed(() => resolveLocation({ commune: 'Aurilac' }));
  const heapEmpty = heapMb();

  // 2. Synthetic catalog, validated against ResourceSchema (every record).
  const [catalog, generateMs] = timed(() => generateCatalog({ count: RESOURCES }));
  const [invalid, validateMs] = timed(() => catalog.filter((r) => !ResourceSchema.safeParse(r).success).map((r) => r.id));
  const departments = new Set(catalog.flatMap((r) => r.geography.departments ?? []));
  const scopes: Record<string, number> = {};
  for (const r of catalog) scopes[r.geography.scope] = (scopes[r.geography.scope] ?? 0) + 1;
  const heapCatalog = heapMb();

  // 3. Index: buildIndex builds everything search and orient use (partitions, grid, word index).
  const [index, buildMs] = timed(() => buildIndex(catalog));
  const heapIndex = heapMb();
  // The word index is built on the first search: measured on its own.
  const [, wordsMs] = timed(() => index.words);
  const heapWords = heapMb();
  const partitions = partitionStats(index);

  // 4. orient: the real engine, as bot/engine.ts assembles it.
  const engine: Engine = createEngine({ today: () => TODAY, recommend: (input) => recommend(index, input) });
  const bench = generateProfiles(PROFILES);
  const profiles: Profile[] = bench.map((b) => ProfileSchema.parse(b.profile));
  // The warm-up pass (JIT, i18n, geo lookups) also collects what the answers look like.
  const [warmResults, orientWarmMs] = timed(() => profiles.map((p) => engine.orient(p)));
  const orientByProfile: number[][] = profiles.map(() => []);
  for (let pass = 0; pass < PASSES; pass++) {
    profiles.forEach((p, i) => orientByProfile[i]!.push(timed(() => engine.orient(p))[1]));
  }
  const orientAll = stats(orientByProfile.flat());
  const locations: Record<string, number> = {};
  let recommendations = 0;
  let needsAnswered = 0;
  let needsAsked = 0;
  profiles.forEach((p, i) => {
    const result = warmResults[i]!;
    locations[result.location.status] = (locations[result.location.status] ?? 0) + 1;
    recommendations += result.recommendations.length;
    needsAsked += p.needs.length;
    needsAnswered += new Set(result.recommendations.map((r) => r.theme)).size;
  });

  // 5. search.
  const queries: BenchQuery[] = generateQueries(QUERIES);
  const [warmHits, searchWarmMs] = timed(() => queries.map((q) => search(index, q.query).length));
  const searchByQuery: number[][] = queries.map(() => []);
  for (let pass = 0; pass < PASSES; pass++) {
    queries.forEach((q, i) => searchByQuery[i]!.push(timed(() => search(index, q.query))[1]));
  }
  const searchAll = stats(searchByQuery.flat());
  const searchKinds: Record<string, Stats> = {};
  for (const kind of ['fr', 'en', 'ar', 'typo', 'place', 'unknown_word'] as const) {
    searchKinds[kind] = stats(queries.flatMap((q, i) => (q.kind === kind ? searchByQuery[i]! : [])));
  }
  const searchFacets = {
    department: stats(queries.flatMap((q, i) => (q.query.department ? searchByQuery[i]! : []))),
    noDepartment: stats(queries.flatMap((q, i) => (q.query.department ? [] : searchByQuery[i]!))),
  };
  const searchHits = warmHits.filter((n) => n > 0).length;

  // 6. Baseline: fuse.js over the whole catalog, built once, filters after the fact.
  const heapBeforeFuse = heapMb();
  const [fuse, fuseBuildMs] = timed(() => buildBaselineFuse(catalog));
  const heapFuse = heapMb();
  const baselineEngine = createEngine({ today: () => TODAY, recommend: (input) => baselineRecommend(fuse, input) });
  const orientBudget = BASELINE_BUDGET_MS * 0.55;
  const baseOrient = budgeted(profiles.length, orientBudget, 3, (i) => baselineEngine.orient(profiles[i]!));
  const searchBudget = BASELINE_BUDGET_MS - baseOrient.samples.reduce((s, x) => s + x, 0);
  const baseSearch = budgeted(queries.length, Math.max(searchBudget, 0), 3, (i) => baselineSearch(fuse, queries[i]!.query));

  // Ours on the very same subset (median of each item's measured passes), for a like-for-like ratio.
  const oursOrientSubset = stats(baseOrient.indexes.map((i) => median(orientByProfile[i]!)));
  const baseOrientStats = stats(baseOrient.samples);
  const oursSearchSubset = stats(baseSearch.indexes.map((i) => median(searchByQuery[i]!)));
  const baseSearchStats = stats(baseSearch.samples);
  const baseNeeds = baseOrient.indexes.reduce((s, i) => s + profiles[i]!.needs.length, 0);

  const orientSpeedUp = { p50: ratio(baseOrientStats.p50, oursOrientSubset.p50), p99: ratio(baseOrientStats.p99, oursOrientSubset.p99), vsFullP99: ratio(baseOrientStats.p50, orientAll.p99) };
  const searchSpeedUp = { p50: ratio(baseSearchStats.p50, oursSearchSubset.p50), p99: ratio(baseSearchStats.p99, oursSearchSubset.p99) };
  const totalBuildMs = buildMs + wordsMs;
  const targets = {
    orientP99: { target: `< ${TARGETS.orientP99Ms} ms`, value: orientAll.p99, met: orientAll.p99 < TARGETS.orientP99Ms },
    orientSpeedUp: {
      target: `≥ ${TARGETS.speedUp}× (p50 and p99, same profiles)`,
      value: Math.min(orientSpeedUp.p50, orientSpeedUp.p99),
      met: orientSpeedUp.p50 >= TARGETS.speedUp && orientSpeedUp.p99 >= TARGETS.speedUp,
    },
    indexBuild: { target: `< ${TARGETS.buildMs} ms (buildIndex: what orient uses)`, value: round(buildMs, 1), met: buildMs < TARGETS.buildMs },
    indexBuildWithWords: { target: `< ${TARGETS.buildMs} ms (with the search word index)`, value: round(totalBuildMs, 1), met: totalBuildMs < TARGETS.buildMs },
  };

  // ---- Report
  say('Setup');
  table([
    ['step', 'time (ms)', 'heap after (MiB)', 'note'],
    ['geography data (communes, points, fuzzy)', ms(geoMs), heapEmpty.toFixed(1), 'loaded once per process'],
    ['catalog generation', ms(generateMs), heapCatalog.toFixed(1), `${catalog.length} resources, ${departments.size} departments`],
    ['catalog validation (ResourceSchema)', ms(validateMs), '', `${catalog.length - invalid.length} valid, ${invalid.length} invalid`],
    ['buildIndex (partitions, grid: what orient uses)', ms(buildMs), heapIndex.toFixed(1), `+${(heapIndex - heapCatalog).toFixed(1)} MiB over the catalog`],
    ['word index (first search)', ms(wordsMs), heapWords.toFixed(1), `+${(heapWords - heapIndex).toFixed(1)} MiB`],
    ['baseline fuse.js index (whole catalog)', ms(fuseBuildMs), heapFuse.toFixed(1), `+${(heapFuse - heapBeforeFuse).toFixed(1)} MiB`],
  ]);
  say(`  scopes: ${Object.entries(scopes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  say(`  index: ${partitions.partitions} partitions, ${partitions.themeLists} theme lists (largest ${partitions.largestThemeList.key} = ${partitions.largestThemeList.size}), ${partitions.gridCells} grid cells (largest ${partitions.largestGridCell}), ${partitions.withPoint} resources with a point`);
  say();

  say(`Latency (ms) — ours: ${PASSES} measured passes after a warm-up pass; baseline: one pass on an evenly spread subset (time budget ${BASELINE_BUDGET_MS / 1000} s)`);
  table([
    ['', 'n', 'p50', 'p95', 'p99', 'max', 'mean'],
    ['orient — ours, all profiles', orientAll.n, ms(orientAll.p50), ms(orientAll.p95), ms(orientAll.p99), ms(orientAll.max), ms(orientAll.mean)],
    ['orient — ours, baseline subset', oursOrientSubset.n, ms(oursOrientSubset.p50), ms(oursOrientSubset.p95), ms(oursOrientSubset.p99), ms(oursOrientSubset.max), ms(oursOrientSubset.mean)],
    ['orient — baseline, same subset', baseOrientStats.n, ms(baseOrientStats.p50), ms(baseOrientStats.p95), ms(baseOrientStats.p99), ms(baseOrientStats.max), ms(baseOrientStats.mean)],
    ['search — ours, all queries', searchAll.n, ms(searchAll.p50), ms(searchAll.p95), ms(searchAll.p99), ms(searchAll.max), ms(searchAll.mean)],
    ['search — ours, baseline subset', oursSearchSubset.n, ms(oursSearchSubset.p50), ms(oursSearchSubset.p95), ms(oursSearchSubset.p99), ms(oursSearchSubset.max), ms(oursSearchSubset.mean)],
    ['search — baseline, same subset', baseSearchStats.n, ms(baseSearchStats.p50), ms(baseSearchStats.p95), ms(baseSearchStats.p99), ms(baseSearchStats.max), ms(baseSearchStats.mean)],
  ]);
  say(`  speed-up orient: ${orientSpeedUp.p50}× at p50, ${orientSpeedUp.p99}× at p99 (baseline on ${baseOrient.indexes.length}/${profiles.length} profiles, ${baseNeeds} needs = ${baseNeeds} whole-catalog fuzzy searches)`);
  say(`  speed-up search: ${searchSpeedUp.p50}× at p50, ${searchSpeedUp.p99}× at p99 (baseline on ${baseSearch.indexes.length}/${queries.length} queries)`);
  if (baseOrient.indexes.length < profiles.length || baseSearch.indexes.length < queries.length) {
    say('  NOTE: the baseline is measured on a subset only: each whole-catalog fuse.js search takes seconds at this size.');
  }
  say(`  orient: locations ${Object.entries(locations).map(([k, v]) => `${k} ${v}`).join(', ')}; ${recommendations} recommendations, ${needsAnswered}/${needsAsked} needs answered`);
  say(`  search by kind p50/p99: ${Object.entries(searchKinds).map(([k, s]) => `${k} ${ms(s.p50)}/${ms(s.p99)} (n=${s.n})`).join(', ')}`);
  say(`  search with department p50/p99 ${ms(searchFacets.department.p50)}/${ms(searchFacets.department.p99)} (n=${searchFacets.department.n}), without ${ms(searchFacets.noDepartment.p50)}/${ms(searchFacets.noDepartment.p99)} (n=${searchFacets.noDepartment.n}); ${searchHits}/${queries.length} queries with hits`);
  say();

  say('Targets');
  table([
    ['target', 'goal', 'measured', ''],
    ['orient p99', targets.orientP99.target, `${ms(targets.orientP99.value)} ms`, verdict(targets.orientP99.met)],
    ['orient speed-up vs baseline', targets.orientSpeedUp.target, `${targets.orientSpeedUp.value}×`, verdict(targets.orientSpeedUp.met)],
    ['index build', targets.indexBuild.target, `${ms(targets.indexBuild.value)} ms`, verdict(targets.indexBuild.met)],
    ['index build + words', targets.indexBuildWithWords.target, `${ms(targets.indexBuildWithWords.value)} ms`, verdict(targets.indexBuildWithWords.met)],
  ]);

  const results = {
    date: new Date().toISOString(),
    environment: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), gcExposed },
    config: { resources: RESOURCES, profiles: PROFILES, queries: QUERIES, passes: PASSES, baselineBudgetSeconds: BASELINE_BUDGET_MS / 1000, today: TODAY.toISOString() },
    catalog: { generateMs: round(generateMs, 1), validateMs: round(validateMs, 1), invalid: invalid.slice(0, 20), invalidCount: invalid.length, departments: departments.size, scopes },
    index: {
      geoDataMs: round(geoMs, 1),
      buildIndexMs: round(buildMs, 1),
      wordIndexMs: round(wordsMs, 1),
      totalMs: round(totalBuildMs, 1),
      ...partitions,
    },
    heapMiB: {
      geoData: round(heapEmpty, 1),
      afterCatalog: round(heapCatalog, 1),
      afterBuildIndex: round(heapIndex, 1),
      baselineFuse: round(heapFuse - heapBeforeFuse, 1),
    },
    orient: {
      ours: orientAll,
      warmUpPassMs: round(orientWarmMs, 1),
      oursOnBaselineSubset: oursOrientSubset,
      baseline: baseOrientStats,
      baselineProfiles: baseOrient.indexes,
      baselineNeeds: baseNeeds,
      speedUp: orientSpeedUp,
      locations,
      recommendations,
      needsAnswered,
      needsAsked,
    },
    search: {
      ours: searchAll,
      warmUpPassMs: round(searchWarmMs, 1),
      byKind: searchKinds,
      ...searchFacets,
      queriesWithHits: searchHits,
      oursOnBaselineSubset: oursSearchSubset,
      baseline: baseSearchStats,
      baselineQueries: baseSearch.indexes,
      speedUp: searchSpeedUp,
      baselineFuseBuildMs: round(fuseBuildMs, 1),
    },
    targets,
  };
  mkdirSync(join(OUT, '..'), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
  say();
  say(`Results written to ${OUT}`);
  if (invalid.length > 0) process.exitCode = 1;
}

main();
