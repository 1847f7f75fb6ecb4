import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { buildWorkloadCdf, censoredPoints, WORKLOAD_CDFS } from "../../src/report/kinds/workload-cdf.js";
import { buildWorkloadFigures, buildWorkloadReportHtml } from "../../src/report/workload-report.js";
import { renderSvg } from "../../src/report/render.js";
import { cdfPoints } from "../../src/workloads/cdf.js";
import { characterize, kindShares } from "../../src/workloads/characterize.js";

/** Workload statistics and the workload report, on a hand-computed workload. */

const job = (
  id: number,
  kind: "batch" | "service",
  submitSec: number,
  tasks: number,
  durationSec: number,
  prefill = false,
): JobSpec => ({
  id,
  kind,
  submitUs: submitSec * 1e6,
  tasks,
  cpusPerTask: 0.5,
  memGbPerTask: 2,
  durationUs: durationSec * 1e6,
  prefill,
});

const JOBS = [job(1, "batch", 10, 4, 100), job(2, "service", 20, 1, 1000), job(3, "batch", 40, 2, 10)];
const PREFILL = [job(0, "service", 0, 10, 500, true)];

describe("characterize", () => {
  const s = characterize("w", PREFILL, JOBS);

  it("counts jobs, tasks, resources and arrival rates per kind", () => {
    expect(s.spanSec).toBe(40);
    expect(s.kinds.batch).toMatchObject({
      jobs: 2,
      prefillJobs: 0,
      tasks: 6,
      cpus: 3,
      memGb: 12,
      cpuSec: 210,
      memGbSec: 840,
      arrivalsPerSec: 2 / 40,
    });
    expect(s.kinds.service).toMatchObject({
      jobs: 2,
      prefillJobs: 1,
      tasks: 11,
      cpuSec: 3000,
      arrivalsPerSec: 1 / 40,
    });
    expect(s.kinds.batch.interarrivalSec).toEqual([30]);
    expect(s.kinds.service.interarrivalSec).toEqual([]); // the prefill job did not arrive
    expect(kindShares(s, (k) => k.tasks)).toEqual({ batch: 6 / 17, service: 11 / 17 });
  });

  it("CDF points keep both ends and at most maxPoints (+1)", () => {
    expect(cdfPoints([3, 1, 2])).toEqual([
      { value: 1, fraction: 1 / 3 },
      { value: 2, fraction: 2 / 3 },
      { value: 3, fraction: 1 },
    ]);
    const many = cdfPoints(
      Array.from({ length: 10_000 }, (_, i) => i),
      50,
    );
    expect(many.length).toBeLessThanOrEqual(51);
    expect([many[0]?.value, many.at(-1)?.value, many.at(-1)?.fraction]).toEqual([0, 9999, 1]);
  });

  it("the report has the shares and three CDFs, renders, and is deterministic", async () => {
    const other = characterize("preset x", [], [job(9, "batch", 5, 1, 1)], 60);
    const figures = buildWorkloadFigures([s, other]);
    expect(figures.map((f) => f.name)).toEqual([
      "workload-shares",
      "job-runtime-cdf",
      "interarrival-cdf",
      "tasks-per-job-cdf",
    ]);
    const rendered = [];
    for (const f of figures) rendered.push({ ...f, svg: await renderSvg(f.vegaLiteSpec) });
    expect(rendered[1]?.svg).toContain("<svg");
    const inputs = [{ stats: s, provenance: [["format", "test"]] as [string, string][] }];
    const html = buildWorkloadReportHtml(inputs, rendered);
    expect(html).toBe(buildWorkloadReportHtml(inputs, rendered));
    expect(html).not.toMatch(/(src|href)="https?:/); // offline: nothing fetched
  });

  it("censored jobs: counted per kind, circled on the runtime CDF, named in the caption", () => {
    // Jobs 0 (prefill service, 500 s) and 1 (batch, 100 s) censored; job 3 (batch, 10 s) not.
    const c = characterize("w", PREFILL, JOBS, undefined, new Set([0, 1]));
    expect([c.kinds.batch.censoredJobs, c.kinds.service.censoredJobs]).toEqual([1, 1]);
    expect(c.kinds.batch.censoredRuntimeSec).toEqual([100]);
    const [runtime, interarrival] = WORKLOAD_CDFS;
    const fig = buildWorkloadCdf([c], runtime);
    // batch runtimes 10, 100: the censored 100 s is at fraction 2/2; service 500, 1000: 500 at 1/2.
    expect(fig.table.rows.filter((r) => r[4] === "censored")).toEqual([
      ["w", "batch", 100, 1, "censored"],
      ["w", "service", 500, 0.5, "censored"],
    ]);
    expect(fig.caption).toContain("Open circles mark censored jobs, 2 of 4 (50 %)");
    expect(JSON.stringify(fig.vegaLiteSpec)).toContain('"type":"point"');
    // Other CDFs, and workloads with nothing censored, are drawn as before.
    expect(buildWorkloadCdf([c], interarrival).caption).not.toContain("censored");
    const plain = buildWorkloadCdf([s], runtime);
    expect(plain.caption).not.toContain("censored");
    expect(plain.table.columns).toHaveLength(4);
    expect(JSON.stringify(plain.vegaLiteSpec)).not.toContain('"type":"point"');
  });

  it("censoredPoints: one point per distinct censored value, at the share of all values ≤ it", () => {
    expect(censoredPoints([1, 2, 2, 3, 5], [2, 2, 5])).toEqual([
      { value: 2, fraction: 0.6 },
      { value: 5, fraction: 1 },
    ]);
    expect(censoredPoints([1, 2], [])).toEqual([]);
    const many = Array.from({ length: 1000 }, (_, i) => i + 1);
    const points = censoredPoints(many, many, 50);
    expect(points).toHaveLength(50);
    expect(points[49]).toEqual({ value: 1000, fraction: 1 });
  });
});
