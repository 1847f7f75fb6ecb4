import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The start-up case of `npm run bench`: what `cellsim run` costs beyond its simulation. A
 * one-run experiment is run by the built CLI in a fresh process; the process's wall time minus
 * the run's own wall time (timings.json) is everything else a user waits for: starting node,
 * loading modules, validating the file, writing the outputs and rendering the report with its
 * one figure. Budget: 0.5 s (docs/design.md, Start-up). Both CLIs are measured, the bundle the
 * `cellsim` binary runs and the unbundled dist/src one, their processes interleaved so that a
 * change in the machine's load reaches both alike.
 */

/** One run (seed 1, no sweep) of the google-c preset for an hour, with one figure to render. */
export const STARTUP_EXPERIMENT = {
  name: "startup",
  description: "bench: one small run, to measure what cellsim run costs beyond the simulation",
  horizon: "1h",
  seeds: [1],
  cluster: { preset: "google-c" },
  workload: { preset: "google-c" },
  architecture: { type: "monolithic", decisionTime: { perJob: "0.1s", perTask: "5ms" } },
  placement: "random-first-fit",
  figures: ["utilization-over-time"],
};

/** One `cellsim run` of the start-up experiment: its process and simulation wall seconds. */
export interface StartupMeasurement {
  processSec: number;
  simulationSec: number;
}

/** The CLIs measured, beside this file's compiled copy (dist/bench/): the binary's bundle first. */
const CLIS = [
  {
    label: "start-up (cellsim run − simulation)",
    main: fileURLToPath(new URL("../bundle/cli/cellsim.cjs", import.meta.url)),
  },
  {
    label: "  the same, ES-module bundle (no code cache)",
    main: fileURLToPath(new URL("../bundle/cli/main.js", import.meta.url)),
  },
  {
    label: "  the same, unbundled (dist/src)",
    main: fileURLToPath(new URL("../src/cli/main.js", import.meta.url)),
  },
];

/** Runs the built CLI `cliMain` once on the start-up experiment in a fresh folder, and measures it. */
export function measureStartup(cliMain: string): StartupMeasurement {
  const dir = mkdtempSync(path.join(tmpdir(), "cellsim-startup-"));
  try {
    const file = path.join(dir, "startup.json");
    writeFileSync(file, JSON.stringify(STARTUP_EXPERIMENT));
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [cliMain, "run", file, "--out", path.join(dir, "out")], {
      stdio: "ignore",
    });
    const processSec = Number(process.hrtime.bigint() - start) / 1e9;
    const timings = JSON.parse(readFileSync(path.join(dir, "out", "timings.json"), "utf8")) as {
      runs: { wallSec: number }[];
    };
    return { processSec, simulationSec: timings.runs.reduce((sum, r) => sum + r.wallSec, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The start-up lines of the bench table: median and best overhead over `repeat` processes each. */
export function startupLines(repeat: number): string[] {
  const runs: StartupMeasurement[][] = CLIS.map(() => []);
  for (let i = 0; i < repeat; i++) CLIS.forEach((cli, c) => runs[c]?.push(measureStartup(cli.main)));
  return CLIS.map((cli, c) => startupLine(cli.label, runs[c] ?? []));
}

/** One line: median and best overhead of `runs`. */
function startupLine(label: string, runs: StartupMeasurement[]): string {
  const overheads = runs.map((m) => m.processSec - m.simulationSec).sort((a, b) => a - b);
  const median = overheads[Math.floor(overheads.length / 2)] as number;
  const best = overheads[0] as number;
  const simulation = Math.min(...runs.map((m) => m.simulationSec));
  return `${label.padEnd(40)} ${median.toFixed(3).padStart(7)} ${best
    .toFixed(3)
    .padStart(7)}  (simulation best ${simulation.toFixed(3)} s; budget 0.5 s)`;
}
