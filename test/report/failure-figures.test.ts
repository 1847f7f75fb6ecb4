import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import type { ResultsFile, RunRecord } from "../../src/experiment/results-types.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/render.js";
import type { FigureSpec } from "../../src/report/types.js";

/**
 * The failure figures on a hand-made keep-going-like sweep: two architectures × (no failures,
 * machine MTBF 100 d, machine MTBF 10 d, a rack scenario), seed 1. Every number below is set
 * here, so the expected table values are worked out by hand next to them.
 */
const machines = (mean: string) => ({
  machines: {
    timeToFailure: { exponential: { mean } },
    timeToRepair: { constant: "1h" },
  },
});
const FAILURES = [
  null,
  machines("100d"),
  machines("10d"),
  { domains: { size: 2, timeToFailure: { exponential: { mean: "30d" } }, timeToRepair: { constant: "2h" } } },
];
const ARCHS = [
  { type: "monolithic", name: "mono" },
  { type: "shared-state", name: "omega" },
];

/** availability and lostTaskSec per (failure point f, architecture a); f = 0 has no failures. */
const availability = (f: number, a: number) => 1 - f * 1e-6 * (a + 1);
const lostSec = (f: number, a: number) => f * 3600 * (a + 1);

function summary(f: number, a: number): RunSummary {
  const failing = f > 0;
  return {
    workloads: {
      batch: failing ? { lostTaskSec: lostSec(f, a) } : {},
      service: failing ? { lostTaskSec: 0, availability: availability(f, a) } : {},
    },
    cell: {
      machines: 4,
      series: {
        periodSec: 3600,
        cpuUtilization: [0.5, 0.4, 0.45, 0.5],
        memUtilization: [0, 0, 0, 0],
        lockedCpu: [0, 0, 0, 0],
        lockedMem: [0, 0, 0, 0],
        // Machines 0–1 of 4 down from 1 h to 3 h in the rack scenario; one machine for half an hour otherwise.
        ...(failing ? { downMachines: f === 3 ? [0, 2, 2, 0] : [0.5, 0, 0, 0] } : {}),
        ...(failing ? { downCpu: f === 3 ? [0, 0.5, 0.5, 0] : [0.125, 0, 0, 0] } : {}),
      },
    },
    ...(failing
      ? {
          failures: {
            machineFailures: f === 3 ? 0 : f,
            domainFailures: f === 3 ? 1 : 0,
            machineDownSec: f === 3 ? 14_400 : 1800,
            prefillTasksLost: 0,
          },
        }
      : {}),
  } as unknown as RunSummary;
}

function results(): ResultsFile {
  const runs: RunRecord[] = [];
  FAILURES.forEach((failures, f) =>
    ARCHS.forEach((architecture, a) =>
      runs.push({
        runId: `${String(f * 2 + a).padStart(3, "0")}-s1`,
        seed: 1,
        params: { failures, architecture },
        summary: summary(f, a),
      }),
    ),
  );
  return {
    experiment: {
      name: "kg",
      description: "",
      figures: [],
      sweepPaths: ["failures", "architecture"],
      horizonSec: 4 * 3600,
    },
    runs,
  };
}

function figure(kind: string, r: ResultsFile = results()): FigureSpec {
  const [fig] = buildFigures(r, [kind]);
  if (!fig) throw new Error(`no figure ${kind}`);
  return fig;
}

const plotted = (fig: FigureSpec): Record<string, unknown>[] =>
  ((fig.vegaLiteSpec as { layer: { data: { values: Record<string, unknown>[] } }[] }).layer[0]?.data.values ??
    []) as Record<string, unknown>[];

describe("service-availability-vs-failure-rate", () => {
  const fig = figure("service-availability-vs-failure-rate");

  it("tables downtime per instance-day = (1 − availability) × 86,400 s for every run, by failure point", () => {
    // MTBF 100 d → 0.01 failures per machine-day; 10 d → 0.1. mono at f = 1: 1e-6 × 86,400 = 0.0864 s.
    expect(fig.table.rows).toEqual([
      ["MTBF 100 d", 0.01, "mono", "service", 1, 0.0864],
      ["MTBF 100 d", 0.01, "omega", "service", 1, 0.1728],
      ["MTBF 10 d", 0.1, "mono", "service", 1, 0.1728],
      ["MTBF 10 d", 0.1, "omega", "service", 1, 0.3456],
      ["domain failures", 0, "mono", "service", 1, 0.2592],
      ["domain failures", 0, "omega", "service", 1, 0.5184],
    ]);
  });

  it("draws one line per architecture on the machine failure rate; leaves the rack scenario off the axis and says so", () => {
    expect(plotted(fig).map((v) => [v.rate, v.group])).toEqual([
      [0.01, "mono"],
      [0.01, "omega"],
      [0.1, "mono"],
      [0.1, "omega"],
    ]);
    expect(fig.caption).toContain("Not drawn (see the table): the scenario with rack (domain) failures.");
    expect(fig.caption).toContain("1/x days");
  });

  it("renders", async () => {
    expect(await renderSvg(fig.vegaLiteSpec)).toContain("<svg");
  });
});

describe("lost-work-vs-failure-rate", () => {
  const fig = figure("lost-work-vs-failure-rate");

  it("tables lost work in task-hours per kind; draws batch only (services lose no work)", () => {
    // lostSec(2, 1) = 2 × 3600 × 2 s = 4 task-hours.
    expect(fig.table.rows).toContainEqual(["MTBF 10 d", 0.1, "omega", "batch", 1, 4]);
    expect(fig.table.rows).toContainEqual(["MTBF 10 d", 0.1, "omega", "service", 1, 0]);
    expect(plotted(fig).every((v) => v.series === "batch")).toBe(true);
    expect(plotted(fig)).toHaveLength(4);
    expect(fig.caption).toContain("4 values of exactly 0 (log scale)");
  });

  it("renders", async () => {
    expect(await renderSvg(fig.vegaLiteSpec)).toContain("<svg");
  });
});

describe("the failure-rate figures' axis", () => {
  it("refuses results without a swept failures block, naming what it needs", () => {
    const r = results();
    const bare: ResultsFile = {
      ...r,
      experiment: { ...r.experiment, sweepPaths: ["architecture"] },
      runs: r.runs.map((run) => ({ ...run, params: { architecture: run.params.architecture } })),
    };
    expect(() => figure("lost-work-vs-failure-rate", bare)).toThrow(InputError);
    expect(() => figure("lost-work-vs-failure-rate", bare)).toThrow(/a swept failures block/);
  });
});

describe("capacity-around-failures", () => {
  const fig = figure("capacity-around-failures");

  it("draws the first-seed run with the most rack failures: capacity up = 1 − CPU down, occupied, machines down", () => {
    expect(fig.title).toContain("run 006-s1");
    expect(fig.table.columns).toEqual(["hours", "capacityUp", "cpuOccupied", "machinesDown"]);
    expect(fig.table.rows).toEqual([
      [0.5, 1, 0.5, 0],
      [1.5, 0.5, 0.4, 2],
      [2.5, 0.5, 0.45, 2],
      [3.5, 1, 0.5, 0],
    ]);
    expect(fig.caption).toContain("0 machine failures and 1 domain failures, 4 machine-hours down");
  });

  it("draws a named run instead, and refuses one without failures", () => {
    const [named] = buildFigures(results(), [{ kind: "capacity-around-failures", run: "002-s1" }]);
    expect(named?.table.rows[0]).toEqual([0.5, 0.875, 0.5, 0.5]);
    expect(() => buildFigures(results(), [{ kind: "capacity-around-failures", run: "000-s1" }])).toThrow(
      /run 000-s1 has no failures block/,
    );
  });

  it("renders", async () => {
    expect(await renderSvg(fig.vegaLiteSpec)).toContain("<svg");
  });
});

describe("the failure-rate figures draw one panel", () => {
  it("records no facet: the architecture colours the lines; naming a facet is refused", async () => {
    const { resolveFigureAxes } = await import("../../src/plugins/resolve-figure-axes.js");
    const { FIGURE_KINDS } = await import("../../src/report/figures.js");
    const rules = FIGURE_KINDS["lost-work-vs-failure-rate"].axes;
    const r = results();
    const sweep = { keys: r.experiment.sweepPaths, points: r.runs.map((x) => x.params), runIds: [] };
    const axes = resolveFigureAxes("lost-work-vs-failure-rate", rules, sweep);
    expect(axes).toMatchObject({ x: "failures", facet: null, series: ["architecture"] });
    expect(() =>
      resolveFigureAxes({ kind: "lost-work-vs-failure-rate", facet: "architecture" }, rules, sweep),
    ).toThrow(/draws one panel/);
  });
});
