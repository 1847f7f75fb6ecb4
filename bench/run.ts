/**
 * `npm run bench`: runs each benchmark case in a fresh child process (so peak memory is the
 * case's own) several times and prints simulated events/s, wall time and peak memory; then the
 * start-up case (bench/startup.ts: what `cellsim run` costs beyond its simulation).
 * Usage: npm run bench [-- --case NAME] [--repeat N]   (NAME "start-up" for that case alone)
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { RngFactory } from "../src/engine/rng.js";
import { simulateWorkload } from "../src/experiment/run-one.js";
import { loadWorkload } from "../src/experiment/load-workload.js";
import { BENCH_CASES, type BenchCase } from "./cases.js";
import { startupLines } from "./startup.js";

/** The name `--case` selects the start-up case by (it is not a simulation case). */
const STARTUP_CASE = "start-up";

interface Measurement {
  wallSec: number;
  events: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Runs a case once and returns the events it processed. */
async function runCase(c: BenchCase, seed: number): Promise<number> {
  if (!("config" in c)) return c.run(seed);
  const rng = new RngFactory(seed);
  const workload = await loadWorkload(c.config, c.config.cluster.machines * c.config.cluster.cpus, rng);
  return simulateWorkload(c.config, workload, rng).events;
}

async function measureOne(name: string, seed: number): Promise<Measurement> {
  const c = BENCH_CASES.find((x) => x.name === name);
  if (!c) throw new Error(`unknown case ${name}; cases: ${BENCH_CASES.map((x) => x.name).join(", ")}`);
  await c.prepare?.();
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const start = process.hrtime.bigint();
  const events = await runCase(c, seed);
  const wallSec = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return {
    wallSec,
    events,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
  };
}

function parseArgs(argv: string[]): { caseName?: string; repeat: number; child: boolean; seed: number } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    caseName: get("--case"),
    repeat: Number(get("--repeat") ?? 5),
    child: argv.includes("--child"),
    seed: Number(get("--seed") ?? 1),
  };
}

/** The reference simulator's recorded range and how many times faster this run is than its low end. */
function referenceColumns(c: BenchCase, medianSec: number, bestSec: number): string {
  const ref = c.reference;
  if (!ref) return "—";
  const range = `${ref.lowSec}–${ref.highSec}`.padEnd(12);
  return `${range}  ×${(ref.lowSec / medianSec).toFixed(1)}, ×${(ref.lowSec / bestSec).toFixed(1)}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) {
    process.stdout.write(JSON.stringify(await measureOne(args.caseName as string, args.seed)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const cases = args.caseName ? BENCH_CASES.filter((c) => c.name === args.caseName) : BENCH_CASES;
  // On a shared (virtualized) machine, wall times vary run to run; the best of several runs is
  // the closest to the code's own cost, the median what a user typically sees. Both are shown.
  console.log(`node ${process.version}, ${args.repeat} runs per case (fresh process each, seeds 1..n)`);
  console.log(
    "case                                    median s  best s    events   events/s   peak RSS MB  peak heap MB  reference s   × (ref low / median, best)",
  );
  for (const c of cases) {
    const runs: Measurement[] = [];
    for (let r = 0; r < args.repeat; r++) {
      const out = execFileSync(process.execPath, [
        self,
        "--child",
        "--case",
        c.name,
        "--seed",
        String(r + 1),
      ]);
      runs.push(JSON.parse(out.toString()) as Measurement);
    }
    const wall = median(runs.map((m) => m.wallSec));
    const best = Math.min(...runs.map((m) => m.wallSec));
    const events = median(runs.map((m) => m.events));
    const rss = Math.max(...runs.map((m) => m.peakRssMb));
    const heap = Math.max(...runs.map((m) => m.peakHeapMb));
    console.log(
      `${c.name.padEnd(40)} ${wall.toFixed(3).padStart(7)} ${best.toFixed(3).padStart(7)} ${String(events).padStart(9)} ${Math.round(
        events / wall,
      )
        .toString()
        .padStart(
          11,
        )} ${rss.toFixed(0).padStart(12)} ${heap.toFixed(0).padStart(13)}  ${referenceColumns(c, wall, best)}`,
    );
  }
  if (!args.caseName || args.caseName === STARTUP_CASE) console.log(startupLines(args.repeat).join("\n"));
}

await main();
