// Writes the synthetic PAI 2020 sample beside this file (see SOURCE.txt): two hours of task rows,
// their job rows and a 16-machine spec table, in the published schema of Alibaba's
// cluster-trace-gpu-v2020. Deterministic (seeded); run: node traces/alibaba-pai-2020-synthetic/generate.mjs
import { writeFileSync } from "node:fs";
import process from "node:process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";

const here = path.dirname(fileURLToPath(import.meta.url));
const rng = seedrandom("cellsim-pai-2020-synthetic");
const exp = (mean) => -Math.log(1 - rng()) * mean;
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const hex = (n) => Array.from({ length: n }, () => int(0, 15).toString(16)).join("");

const T0 = 1_000_000; // trace seconds at the sample's start
const SPAN_SEC = 2 * 3600;
const tasks = [];
const jobs = [];
for (let t = T0 + exp(40); t < T0 + SPAN_SEC; t += exp(40)) {
  const name = hex(24);
  const submit = Math.round(t);
  const start = submit + Math.round(exp(60));
  const u = rng();
  const status = u < 0.85 ? "Terminated" : u < 0.95 ? "Failed" : u < 0.98 ? "Running" : "Waiting";
  const roles = [];
  const r = rng();
  if (r < 0.4)
    roles.push(["tensorflow", 1, int(2, 8) * 100, 16 + rng() * 32, [25, 50][int(0, 1)], exp(20 * 60)]);
  else if (r < 0.75) roles.push(["worker", 1, 600, 30 + rng() * 60, 100, exp(30 * 60)]);
  else if (r < 0.95) {
    const run = exp(40 * 60);
    roles.push(["ps", int(1, 2), 800, 20 + rng() * 20, 0, run]);
    roles.push(["worker", int(2, 4), 600, 40 + rng() * 40, 100, run]);
  } else roles.push(["PyTorchWorker", int(1, 2), 1200, 100 + rng() * 100, 800, exp(60 * 60)]);
  for (const [role, inst, cpu, mem, gpu, runSec] of roles) {
    const ran = status === "Failed" ? runSec / 4 : runSec;
    const s = status === "Waiting" ? "" : `${start}.0`;
    const e = status === "Waiting" || status === "Running" ? "" : `${start + Math.max(1, Math.round(ran))}.0`;
    const type = gpu === 0 ? "" : gpu === 800 ? "V100" : ["T4", "P100", "MISC", "V100"][int(0, 3)];
    tasks.push(
      `${name},${role},${inst}.0,${status},${s},${e},${cpu}.0,${mem.toFixed(6)},${gpu === 0 ? "" : `${gpu}.0`},${type}`,
    );
  }
  const jobRan = status === "Failed" ? roles[0][5] / 4 : roles[0][5];
  const jobEnd =
    status === "Waiting" || status === "Running" ? "" : `${start + Math.max(1, Math.round(jobRan))}.0`;
  jobs.push(`${name},${hex(60)},${hex(12)},${status},${submit}.0,${jobEnd}`);
}
const machines = [];
for (let m = 0; m < 16; m++)
  machines.push(m < 12 ? `${hex(24)},${m % 2 ? "V100" : "P100"},96,512,8` : `${hex(24)},T4,96,512,2`);
writeFileSync(path.join(here, "pai_task_table.csv"), `${tasks.join("\n")}\n`);
writeFileSync(path.join(here, "pai_job_table.csv"), `${jobs.join("\n")}\n`);
writeFileSync(path.join(here, "pai_machine_spec.csv"), `${machines.join("\n")}\n`);
process.stdout.write(`${tasks.length} task rows, ${jobs.length} jobs, ${machines.length} machines\n`);
