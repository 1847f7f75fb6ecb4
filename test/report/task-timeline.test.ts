import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import { planFromJson } from "../../src/experiment/plan.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { runOne } from "../../src/experiment/run-one.js";
import { TimelineRecorder } from "../../src/metrics/task-timeline.js";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/render.js";

/** The task-timeline figure and the opt-in task records behind it. */

const tiny = {
  name: "gantt",
  horizon: "20m",
  seeds: [1, 2],
  cluster: { machines: 6, cpus: 4, memGb: 16 },
  workload: { preset: "google-c", rateMultiplier: 0.1 },
  prefill: { cpuFraction: 0.3 },
  metrics: { timeline: true },
  figures: ["task-timeline"],
};

async function resultsOf(json: Record<string, unknown>): Promise<ResultsFile> {
  const plan = planFromJson(json, "gantt.json");
  const runs = await Promise.all(
    plan.runs.map(async (r) => ({ ...r, summary: await runOne(r.config, r.seed) })),
  );
  return {
    experiment: {
      name: plan.name,
      description: plan.description,
      figures: plan.figures,
      sweepPaths: plan.sweepPaths,
      horizonSec: plan.horizonSec,
    },
    runs: runs.map(({ runId, seed, params, summary }) => ({ runId, seed, params, summary })),
  };
}

describe("task-timeline", () => {
  it("builds a Gantt chart of the first run from its task records, and renders", async () => {
    const results = await resultsOf(tiny);
    const timeline = results.runs[0]!.summary.timeline!;
    expect(timeline.tasks.length).toBeGreaterThan(0);
    expect(timeline.droppedTasks).toBe(0);
    for (const t of timeline.tasks) {
      expect(t.machine).toBeGreaterThanOrEqual(0);
      expect(t.machine).toBeLessThan(6);
      expect(t.endSec).toBeLessThanOrEqual(1200);
      expect(t.endSec).toBeGreaterThanOrEqual(t.startSec);
    }
    // Prefill tasks start at t = 0 and are marked.
    expect(timeline.tasks.some((t) => t.prefill && t.startSec === 0)).toBe(true);

    const [figure] = buildFigures(results, ["task-timeline"]);
    expect(figure!.name).toBe("task-timeline");
    expect(figure!.caption).toContain("run 000-s1 (the experiment's first run; name another with");
    const [second] = buildFigures(results, [{ kind: "task-timeline", run: "000-s2" }]);
    expect(second!.title).toContain("run 000-s2");
    expect(second!.caption).toContain("run 000-s2 (chosen in the experiment's figure entry)");
    expect(figure!.table.rows).toHaveLength(timeline.tasks.length);
    const svg = await renderSvg(figure!.vegaLiteSpec);
    expect(svg).toContain("<svg");
    expect(svg).toContain("Machine");
  });

  it("is opt-in: without metrics.timeline a run records nothing, and the figure is refused up front", async () => {
    const { metrics: _m, figures: _f, ...plain } = tiny;
    const results = await resultsOf(plain);
    expect(results.runs[0]!.summary.timeline).toBeUndefined();
    expect(() => planFromJson({ ...plain, figures: ["task-timeline"] }, "gantt.json")).toThrow(
      /figures\[0\]: figure task-timeline needs task records: set metrics\.timeline to true/,
    );
    expect(() => buildFigures(results, ["task-timeline"])).toThrow(InputError);
  });

  it("the timeline changes no other result", async () => {
    const { metrics: _m, figures: _f, ...plain } = tiny;
    const [withTimeline, without] = [await resultsOf(tiny), await resultsOf(plain)];
    const { timeline: _t, ...rest } = withTimeline.runs[0]!.summary;
    expect(JSON.stringify(rest)).toBe(JSON.stringify(without.runs[0]!.summary));
  });

  it("is refused for cells of more than 64 machines", () => {
    const big = { ...tiny, cluster: { machines: 65, cpus: 4, memGb: 16 } };
    expect(() => planFromJson(big, "gantt.json")).toThrow(
      "gantt.json: metrics.timeline: the task timeline is for cells of at most 64 machines; this cell has 65",
    );
    expect(() => planFromJson({ ...tiny, cluster: { preset: "google-c" } }, "gantt.json")).toThrow(
      /metrics\.timeline: .* at most 64 machines/,
    );
  });

  it("records at most its cap of tasks and counts the rest", () => {
    const recorder = new TimelineRecorder(10_000_000, 3);
    const spec = {
      id: 7,
      submitUs: 0,
      kind: "batch" as const,
      tasks: 2,
      cpusPerTask: 1,
      memGbPerTask: 1,
      durationUs: 50_000_000,
      prefill: false,
    };
    recorder.tasksStarted(spec, [0, 1], 1_000_000, 51_000_000);
    recorder.tasksStarted(spec, [2, 3], 2_000_000, 52_000_000);
    const timeline = recorder.timeline();
    expect(timeline.droppedTasks).toBe(1);
    expect(timeline.tasks).toEqual([
      { machine: 0, jobId: 7, kind: "batch", startSec: 1, endSec: 10 },
      { machine: 1, jobId: 7, kind: "batch", startSec: 1, endSec: 10 },
      { machine: 2, jobId: 7, kind: "batch", startSec: 2, endSec: 10 },
    ]);
  });
});
