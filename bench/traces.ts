/**
 * Trace-reading benchmark (not part of `npm test`): rows/s and peak memory of the google-2011
 * reader on the two shared task_events shards (skipped when /work/shared/traces is absent) and
 * on a generated trace 10× their size. Each case runs in its own child process so peak memory is
 * its own. Usage: npm run build && node dist/bench/traces.js [--shared DIR]
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGzip } from "node:zlib";
import { readGoogle2011 } from "../src/workloads/traces/google-2011.js";

const SHARED = "/work/shared/traces/google-2011";
const TARGET_ROWS_PER_SEC = 300_000;

/** Measures one read (in this process) and prints a JSON line. */
async function measure(files: string[]): Promise<void> {
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const start = process.hrtime.bigint();
  const read = await readGoogle2011(files);
  const wallSec = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const jobs = read.prefill.length + read.jobs.length;
  const out = {
    rows: read.rows,
    jobs,
    wallSec,
    rowsPerSec: read.rows / wallSec,
    peakHeapMb: peakHeap / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify({ ...out, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

/**
 * Writes a synthetic task_events shard: `jobs` jobs of `tasksPerJob` tasks, each task
 * SUBMIT → SCHEDULE → FINISH, time-ordered. Rows per job = 3 × tasksPerJob.
 */
async function generate(file: string, jobs: number, tasksPerJob: number): Promise<number> {
  const gzip = createGzip({ level: 1 });
  const done = new Promise<void>((res, rej) =>
    gzip.pipe(createWriteStream(file)).on("finish", res).on("error", rej),
  );
  let rows = 0;
  let chunk = "";
  for (let j = 0; j < jobs; j++) {
    // Each job has its own 200 s slot, so rows are in time order without sorting.
    const t = 600_000_000 + j * 200_000_000;
    for (const [dt, type] of [
      [0, 0],
      [500_000, 1],
      [60_000_000 + (j % 97) * 1_000_000, 4],
    ] as const) {
      for (let i = 0; i < tasksPerJob; i++) {
        chunk += `${t + dt},,${1000 + j},${i},${i % 500},${type},user,${j % 4},${j % 12},0.0625,0.0311,0.0001,0\n`;
        rows++;
      }
    }
    if (chunk.length > 1 << 16) {
      if (!gzip.write(chunk)) await new Promise<void>((res) => gzip.once("drain", res));
      chunk = "";
    }
  }
  gzip.end(chunk);
  await done;
  return rows;
}

function child(files: string[]): Record<string, number> {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [self, "--measure", ...files], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out) as Record<string, number>;
}

function report(name: string, m: Record<string, number>): void {
  const ok = (m.rowsPerSec ?? 0) >= TARGET_ROWS_PER_SEC ? "ok" : "BELOW TARGET";
  const f = (x: number | undefined, d = 0) => (x ?? 0).toFixed(d);
  console.log(
    `${name.padEnd(28)} ${f(m.rows).padStart(9)} rows ${f(m.jobs).padStart(8)} jobs ${f(m.wallSec, 2).padStart(6)} s ` +
      `${f(m.rowsPerSec).padStart(9)} rows/s (${ok}) heap ${f(m.peakHeapMb)} MB rss ${f(m.peakRssMb)} MB`,
  );
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--measure") return measure(argv.slice(1));
  const shared = argv[0] === "--shared" && argv[1] ? argv[1] : SHARED;
  const shards = [0, 1].map((i) => path.join(shared, `task_events-part-0000${i}-of-00500.csv.gz`));
  if (shards.every((f) => existsSync(f))) report("google-2011 shared shards", child(shards));
  else console.log(`google-2011 shared shards: skipped (${shared} not found)`);
  const dir = mkdtempSync(path.join(tmpdir(), "cellsim-bench-"));
  try {
    // 10× the two shards' 527,922 rows: 88,000 jobs × 20 tasks × 3 rows = 5.28 M rows.
    const big = path.join(dir, "task_events-generated.csv.gz");
    await generate(big, 88_000, 20);
    const many = child([big]);
    report("generated (10× rows)", many);
    // Same rows, 10× fewer jobs: memory should follow the jobs, not the rows.
    const fewJobs = path.join(dir, "task_events-generated-few-jobs.csv.gz");
    await generate(fewJobs, 8_800, 200);
    const few = child([fewJobs]);
    report("generated (10× rows, 1/10 jobs)", few);
    // Both have 1.76 M tasks: the heap difference is what the 79,200 extra jobs cost.
    const perJob = (((many.peakHeapMb ?? 0) - (few.peakHeapMb ?? 0)) * 2 ** 20) / (88_000 - 8_800);
    console.log(
      `peak heap per job kept (difference of the generated cases, same tasks): ${perJob.toFixed(0)} bytes`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
