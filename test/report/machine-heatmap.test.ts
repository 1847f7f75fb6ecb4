import { axesFor } from "./axes-helpers.js";
import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { MachineSampler } from "../../src/metrics/machine-sampler.js";
import { buildMachineHeatmap } from "../../src/report/kinds/machine-utilization-heatmap.js";
import { renderSvg } from "../../src/report/render.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import type { RunSummary } from "../../src/metrics/summary.js";

describe("per-machine samples", () => {
  it("samples evenly spaced machines as fractions of their capacity", () => {
    const cell = CellState.homogeneous(10, 4, 16);
    cell.claim(0, 1, 1);
    cell.claim(5, 4, 1);
    const sampler = new MachineSampler(60e6, 10, 2);
    sampler.sample(0, cell);
    cell.release(0, 1, 1);
    sampler.sample(60e6, cell);
    expect(sampler.series()).toEqual({
      periodSec: 60,
      machines: [0, 5],
      cpuUtilization: [
        [0.25, 0],
        [1, 1],
      ],
    });
  });
});

describe("machine-utilization-heatmap", () => {
  const summary = (rows: number[][]) =>
    ({
      cell: { machineSeries: { periodSec: 3600, machines: rows.map((_, i) => i), cpuUtilization: rows } },
    }) as unknown as RunSummary;
  const results: ResultsFile = {
    experiment: { name: "h", description: "", figures: [], sweepPaths: [], horizonSec: 7200 },
    runs: [
      {
        runId: "000-s1",
        seed: 1,
        params: {},
        summary: summary([
          [0.5, 1],
          [0, 0.25],
        ]),
      },
    ],
  };

  it("has one cell per machine and sample, with the sampled values", () => {
    const fig = buildMachineHeatmap(results, axesFor(results, "machine-utilization-heatmap"));
    expect(fig.table.rows).toEqual([
      ["000-s1", 0, 0, 0.5],
      ["000-s1", 1, 0, 1],
      ["000-s1", 0, 1, 0],
      ["000-s1", 1, 1, 0.25],
    ]);
  });

  it("adds the censoring sentence only for a trace replay with censored jobs", () => {
    const plain = buildMachineHeatmap(results, axesFor(results, "machine-utilization-heatmap"));
    expect(plain.caption).not.toContain("censored");
    const run = results.runs[0] as ResultsFile["runs"][number];
    const traced: ResultsFile = {
      ...results,
      runs: [{ ...run, summary: { ...run.summary, trace: { censoredJobs: 3 } } }],
    };
    const fig = buildMachineHeatmap(traced, axesFor(traced, "machine-utilization-heatmap"));
    expect(fig.caption).toContain(". Trace replay with censored jobs: 3 of the trace's jobs");
  });

  it("renders byte-identical SVG twice", async () => {
    const spec = buildMachineHeatmap(results, axesFor(results, "machine-utilization-heatmap")).vegaLiteSpec;
    expect(await renderSvg(spec)).toBe(await renderSvg(spec));
  });

  it("names the missing setting when no run sampled machines", () => {
    const none = {
      ...results,
      runs: [{ ...results.runs[0]!, summary: { cell: {} } as unknown as RunSummary }],
    };
    expect(() => buildMachineHeatmap(none, axesFor(none, "machine-utilization-heatmap"))).toThrow(
      /metrics\.machines > 0/,
    );
  });
});
