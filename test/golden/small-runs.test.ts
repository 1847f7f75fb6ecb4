import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runOne } from "../../src/experiment/run-one.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import {
  BUSY_CELL_DECISION_TIMES,
  busyCellConfig,
  busyCellWithSsdConfig,
} from "../../src/testing/busy-cell.js";
import { VARIANTS } from "../helpers/architectures.js";

/**
 * Pinned summaries of small simulator runs: every architecture variant on the conformance kit's
 * busy cell (100 machines, 1 h, seed 1), and two with a further resource dimension. Unlike the
 * Omega goldens (hashes of whole results), these are readable numbers: when a change moves them,
 * the diff of small-runs.json in review shows which run, which quantity and by how much.
 *
 * A deliberate change of results: `UPDATE_GOLDENS=1 npx vitest run test/golden/small-runs.test.ts`
 * rewrites the file; commit it with the change and say why in the commit message.
 */

const FILE = fileURLToPath(new URL("small-runs.json", import.meta.url));

/** Six significant digits: enough to see any modelling change, stable across platforms' printing. */
const sig = (x: number): number => Number(x.toPrecision(6));

/** What a reviewer wants to see of one run. */
function pinned(s: RunSummary) {
  return {
    workloads: Object.fromEntries(
      Object.entries(s.workloads).map(([kind, w]) => [
        kind,
        {
          submitted: w.submitted,
          fullyScheduled: w.fullyScheduled,
          abandoned: w.abandoned,
          pending: w.pending,
          waitFirstMeanSec: sig(w.waitFirstSec.mean),
          waitFirstP90Sec: sig(w.waitFirstSec.p90),
          waitFullMeanSec: sig(w.waitFullSec.mean),
          attemptsMean: sig(w.attemptsMean),
        },
      ]),
    ),
    schedulers: s.schedulers.map((x) => ({
      name: x.name,
      busyness: sig(x.busyness),
      attempts: x.attempts,
      committed: x.transactions.committed,
      conflicted: x.transactions.conflicted,
      wastedNoFitSec: sig(x.wastedNoFitSec),
    })),
    utilization: { cpu: sig(s.cell.utilization.cpu), mem: sig(s.cell.utilization.mem) },
    ...(s.cell.resources
      ? { resources: s.cell.resources.map((r) => ({ name: r.name, utilization: sig(r.utilization) })) }
      : {}),
    events: s.events,
  };
}

async function allRuns(): Promise<Record<string, ReturnType<typeof pinned>>> {
  const out: Record<string, ReturnType<typeof pinned>> = {};
  for (const v of VARIANTS) {
    const architecture = v.make(BUSY_CELL_DECISION_TIMES);
    out[`busy cell, ${v.label}`] = pinned(await runOne(busyCellConfig(architecture), 1));
  }
  for (const v of VARIANTS.filter((x) => x.label === "monolithic multi-path" || x.label === "two-level")) {
    const architecture = v.make(BUSY_CELL_DECISION_TIMES);
    out[`busy cell with SSD, ${v.label}`] = pinned(await runOne(busyCellWithSsdConfig(architecture), 1));
  }
  return out;
}

describe("pinned summaries of small runs", () => {
  it("every architecture on the busy cell gives the reviewed numbers (small-runs.json)", async () => {
    const runs = await allRuns();
    if (process.env.UPDATE_GOLDENS === "1" || !existsSync(FILE)) {
      writeFileSync(FILE, `${JSON.stringify(runs, null, 2)}\n`);
      if (process.env.UPDATE_GOLDENS !== "1")
        throw new Error(`${FILE} was missing: written; review and commit it`);
    }
    const golden = JSON.parse(readFileSync(FILE, "utf8")) as unknown;
    expect(runs).toEqual(golden);
  });
});
