import { describe, expect, it } from "vitest";
import { CellState } from "../../src/cluster/cell-state.js";
import { planFromJson } from "../../src/experiment/plan.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { runOne } from "../../src/experiment/run-one.js";
import { MachineSampler } from "../../src/metrics/machine-sampler.js";
import type { RunSummary } from "../../src/metrics/summary.js";
import { buildFigures } from "../../src/report/figures.js";
import { buildMachineGpuHeatmap } from "../../src/report/kinds/machine-utilization-heatmap.js";
import { renderSvg } from "../../src/report/render.js";
import { getPreset } from "../../src/workloads/presets.js";
import { axesFor } from "../report/axes-helpers.js";

/** The gpu-cluster preset and the per-machine GPU heatmap. */

describe("per-machine GPU samples", () => {
  it("a cell with GPUs samples them beside the CPU, as fractions of each machine's GPUs", () => {
    const cell = CellState.homogeneous(4, 8, 32, { gpus: 8 });
    cell.claim(0, 1, 1, Float64Array.of(2));
    cell.claim(2, 1, 1, Float64Array.of(0.5));
    const sampler = new MachineSampler(60e6, 4, 2);
    sampler.sample(0, cell);
    expect(sampler.series()).toEqual({
      periodSec: 60,
      machines: [0, 2],
      cpuUtilization: [[0.125], [0.125]],
      resources: [{ name: "gpus", utilization: [[0.25], [0.0625]] }],
    });
  });

  it("a cell without further dimensions records no resources key (results unchanged)", () => {
    const sampler = new MachineSampler(60e6, 4, 2);
    sampler.sample(0, CellState.homogeneous(4, 8, 32));
    expect(Object.keys(sampler.series())).toEqual(["periodSec", "machines", "cpuUtilization"]);
  });
});

describe("machine-gpu-heatmap", () => {
  const summary = (cpu: number[][], gpu?: number[][]) =>
    ({
      cell: {
        machineSeries: {
          periodSec: 3600,
          machines: cpu.map((_, i) => i),
          cpuUtilization: cpu,
          ...(gpu ? { resources: [{ name: "gpus", utilization: gpu }] } : {}),
        },
      },
    }) as unknown as RunSummary;
  const results = (s: RunSummary): ResultsFile => ({
    experiment: { name: "h", description: "", figures: [], sweepPaths: [], horizonSec: 7200 },
    runs: [{ runId: "000-s1", seed: 1, params: {}, summary: s }],
  });
  const withGpus = results(
    summary(
      [
        [0.1, 0.1],
        [0.1, 0.1],
      ],
      [
        [0.5, 1],
        [0, 0.25],
      ],
    ),
  );

  it("draws the GPU samples, not the CPU ones, one cell per machine and sample", () => {
    const fig = buildMachineGpuHeatmap(withGpus, axesFor(withGpus, "machine-gpu-heatmap"));
    expect(fig.title).toBe("Per-machine GPU utilization over time");
    expect(fig.table.columns).toEqual(["run", "hour", "machine row", "GPU utilization"]);
    expect(fig.table.rows).toEqual([
      ["000-s1", 0, 0, 0.5],
      ["000-s1", 1, 0, 1],
      ["000-s1", 0, 1, 0],
      ["000-s1", 1, 1, 0.25],
    ]);
  });

  it("renders byte-identical SVG twice, with a GPU legend", async () => {
    const spec = buildMachineGpuHeatmap(withGpus, axesFor(withGpus, "machine-gpu-heatmap")).vegaLiteSpec;
    const svg = await renderSvg(spec);
    expect(svg).toBe(await renderSvg(spec));
    expect(svg).toContain("GPU utilization");
  });

  it("names what is missing when no run sampled a cell with GPUs", () => {
    const cpuOnly = results(summary([[0.5]]));
    expect(() => buildMachineGpuHeatmap(cpuOnly, axesFor(cpuOnly, "machine-gpu-heatmap"))).toThrow(
      /machine-gpu-heatmap needs per-machine samples: set metrics.machines > 0 on a cell with a "gpus" resource/,
    );
  });
});

describe("the gpu-cluster preset", () => {
  it("is 100 machines of 96 CPUs, 512 GB and 8 GPUs, with gang training and fractional inference", () => {
    const p = getPreset("gpu-cluster");
    expect(p.cluster).toEqual({ machines: 100, cpus: 96, memGb: 512, resources: { gpus: 8 } });
    expect(p.workload.kinds.batch?.gang).toBe(true);
    expect(p.workload.kinds.batch?.resources?.gpus?.dist).toEqual({ type: "constant", value: 1 });
    expect(p.workload.kinds.service?.gang).toBeUndefined();
    expect(p.workload.kinds.service?.resources?.gpus?.dist).toEqual({
      type: "uniform",
      min: 0.25,
      max: 0.75,
    });
  });

  const experiment = {
    name: "gpu",
    horizon: "6h",
    cluster: { preset: "gpu-cluster" },
    workload: { preset: "gpu-cluster" },
    architecture: { type: "monolithic", decisionTime: { perJob: "0.1s", perTask: "5ms" } },
    metrics: { machines: 10, samplePeriod: "10m" },
    figures: ["machine-gpu-heatmap"],
  };

  it("a workload preset asking for GPUs on a cell without them is an input error naming the field", () => {
    const json = { ...experiment, cluster: { machines: 10, cpus: 96, memGb: 512 } };
    expect(() => planFromJson(json, "gpu.json")).toThrow(
      /workload\.preset.*"gpus", which is not a resource of the cell/,
    );
  });

  it("runs: GPUs bind before CPU, gangs start whole, the report draws the GPU heatmap", async () => {
    const plan = planFromJson(experiment, "gpu.json");
    const run = plan.runs[0]!;
    expect(run.config.cluster.resources).toEqual({ gpus: 8 });
    const starts: [number, number][] = [];
    const s = await runOne(run.config, 1, {
      checkInvariants: true,
      hooks: {
        tasksStarted: (spec, machines) => {
          if (spec.gang === true && !spec.prefill) starts.push([spec.tasks, machines.length]);
        },
      },
    });
    const gpus = s.cell.resources?.find((r) => r.name === "gpus");
    expect(gpus?.total).toBe(800);
    // The preset's steady state: ≈72 % of the GPUs, ≈48 % of the CPUs (see gpu-preset.ts).
    expect(gpus?.utilization).toBeGreaterThan(0.6);
    expect(gpus?.utilization).toBeLessThan(0.85);
    expect(s.cell.utilization.cpu).toBeLessThan(gpus!.utilization);
    expect(starts.length).toBeGreaterThan(100);
    expect(starts.every(([tasks, started]) => tasks === started)).toBe(true);
    const results: ResultsFile = {
      experiment: {
        name: "gpu",
        description: "",
        figures: ["machine-gpu-heatmap"],
        sweepPaths: [],
        horizonSec: 21600,
      },
      runs: [{ runId: run.runId, seed: 1, params: {}, summary: s }],
    };
    const [fig] = buildFigures(results);
    expect(fig?.name).toBe("machine-gpu-heatmap");
    const values = fig!.table.rows.map((r) => r[3] as number);
    expect(values.length).toBe(10 * 36);
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Math.max(...values)).toBeGreaterThan(0.5);
  });
});

describe("per-machine GPU samples, edges", () => {
  it("a machine with no GPUs samples as 0, not 0/0", () => {
    const cell = CellState.fromCapacities([4, 4], [16, 16], [{ name: "gpus", capacity: [0, 2] }]);
    cell.claim(1, 1, 1, Float64Array.of(1));
    const sampler = new MachineSampler(60e6, 2, 2);
    sampler.sample(0, cell);
    expect(sampler.series().resources).toEqual([{ name: "gpus", utilization: [[0], [0.5]] }]);
  });
});
