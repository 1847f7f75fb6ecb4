import { axisProblem } from "./axes-helpers.js";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/engine/errors.js";
import type { ResultsFile } from "../../src/experiment/results-types.js";
import { buildFigures } from "../../src/report/figures.js";
import { buildReportHtml } from "../../src/report/html.js";
import { overviewTable } from "../../src/report/overview-table.js";
import { renderSvg } from "../../src/report/render.js";
import type { FigureSpec } from "../../src/report/types.js";
import {
  abandonedBatch,
  ARCH_DTS,
  ARCH_PATH,
  conflicts,
  makeArchResults,
  SERVICE_DT_PATH,
  VARIANT_LABELS,
} from "./arch-fixture.js";
import { makeResults } from "./fixture.js";
import { findAll } from "../helpers/spec-search.js";

const NEW_KINDS = ["conflict-fraction-vs-decision-time", "abandoned-vs-decision-time"] as const;
const ALL_KINDS = [
  ...NEW_KINDS,
  "wait-vs-decision-time",
  "busyness-vs-decision-time",
  "utilization-over-time",
];

function figure(name: string, results: ResultsFile = makeArchResults()): FigureSpec {
  const [fig] = buildFigures(results, [name]);
  if (!fig) throw new Error(`no figure ${name}`);
  return fig;
}

const facetSort = (fig: FigureSpec): unknown =>
  (fig.vegaLiteSpec as { facet?: { sort?: unknown } }).facet?.sort;
const SOLID_DASHED = [
  [1, 0],
  [6, 4],
];

describe("conflict-fraction-vs-decision-time", () => {
  const fig = figure("conflict-fraction-vs-decision-time");

  it("tables the daily median and the whole-run value per variant, decision time and scheduler", () => {
    expect(fig.table.columns).toEqual([
      "architecture",
      "Decision time t_job(service) (s)",
      "scheduler",
      "seeds",
      "conflictFractionDailyMedian",
      "conflictFraction",
    ]);
    const omega = fig.table.rows.filter((r) => r[0] === "Omega fine" && r[2] === "omega-service-0");
    expect(omega.map((r) => r[1])).toEqual([0.1, 1, 10, 100]);
    const want = (conflicts(1, 100, 1) + conflicts(1, 100, 2)) / 2;
    expect(omega[3]?.[4]).toBeCloseTo(want, 6);
    expect(omega[3]?.[5]).toBeCloseTo(want * 1.1, 6);
    expect(fig.table.rows.filter((r) => r[0] === "two-level")).toHaveLength(8); // kept in the table
  });

  it("draws only the variants that conflict, on log x, solid batch / dashed service", () => {
    expect(facetSort(fig)).toEqual(["Omega fine"]);
    expect(fig.caption).toContain(
      "Not drawn, no conflicts at any decision time (see the table): mono single-path, two-level.",
    );
    expect(findAll(fig.vegaLiteSpec, "scale")).toContainEqual(expect.objectContaining({ type: "log" }));
    expect(findAll(fig.vegaLiteSpec, "strokeDash")).toContainEqual(
      expect.objectContaining({
        scale: { domain: ["omega-batch-0", "omega-service-0"], range: SOLID_DASHED },
      }),
    );
  });
});

describe("abandoned-vs-decision-time", () => {
  const fig = figure("abandoned-vs-decision-time");

  it("tables abandoned and submitted jobs per workload kind", () => {
    expect(fig.table.columns).toEqual([
      "architecture",
      "Decision time t_job(service) (s)",
      "workload",
      "seeds",
      "abandoned",
      "submitted",
    ]);
    const row = fig.table.rows.find((r) => r[0] === "two-level" && r[1] === 100 && r[2] === "batch");
    expect(row?.[4]).toBe((abandonedBatch(2, 100, 1) + abandonedBatch(2, 100, 2)) / 2);
    expect(row?.[5]).toBe(200);
  });

  it("draws the variant that abandons jobs, solid batch and dashed service", () => {
    expect(facetSort(fig)).toEqual(["two-level"]);
    expect(findAll(fig.vegaLiteSpec, "strokeDash")).toContainEqual(
      expect.objectContaining({ scale: { domain: ["batch", "service"], range: SOLID_DASHED } }),
    );
  });
});

describe("unscheduled-fraction-vs-decision-time", () => {
  const fig = figure("unscheduled-fraction-vs-decision-time");

  it("tables the fraction of submitted jobs not fully scheduled, with the abandoned count", () => {
    expect(fig.table.columns).toEqual([
      "architecture",
      "Decision time t_job(service) (s)",
      "workload",
      "seeds",
      "unscheduled fraction",
      "abandoned",
    ]);
    const results = makeArchResults();
    const runs = results.runs.filter(
      (r) =>
        (r.params[ARCH_PATH] as { type?: string; name?: string }).type === "two-level" &&
        r.params[SERVICE_DT_PATH] === ARCH_DTS[ARCH_DTS.length - 1],
    );
    const fractions = runs.map((r) => {
      const w = r.summary.workloads.batch!;
      return (w.submitted - w.fullyScheduled) / w.submitted;
    });
    const row = fig.table.rows.find((r) => r[0] === "two-level" && r[1] === 100 && r[2] === "batch");
    expect(row?.[4]).toBeCloseTo(fractions.reduce((a, b) => a + b, 0) / fractions.length, 12);
    expect(row?.[5]).toBe((abandonedBatch(2, 100, 1) + abandonedBatch(2, 100, 2)) / 2);
  });

  it("draws on a fraction axis, solid batch and dashed service", () => {
    expect(JSON.stringify(fig.vegaLiteSpec)).toContain("Fraction of jobs unscheduled");
    expect(findAll(fig.vegaLiteSpec, "strokeDash")).toContainEqual(
      expect.objectContaining({ scale: { domain: ["batch", "service"], range: SOLID_DASHED } }),
    );
  });
});

describe("figures for an architecture sweep", () => {
  it("give one panel per variant, named by name else type, in sweep order", () => {
    for (const name of ["wait-vs-decision-time", "busyness-vs-decision-time"]) {
      const fig = figure(name);
      expect(facetSort(fig)).toEqual(VARIANT_LABELS);
      expect(fig.caption).toContain("One panel per architecture (shared axes).");
      expect(fig.table.columns[0]).toBe("architecture");
    }
  });

  it("colour schedulers by role (blue batch, orange service, purple both) and dash service ones", () => {
    const fig = figure("busyness-vs-decision-time");
    const colour = findAll(fig.vegaLiteSpec, "color").find(
      (c) => (c as { field?: string }).field === "series",
    );
    const scale = (colour as { scale: { domain: string[]; range: string[] } }).scale;
    expect(scale.domain).toEqual([
      "monolithic",
      "omega-batch-0",
      "omega-service-0",
      "mesos-batch-0",
      "mesos-service-0",
    ]);
    expect(scale.range).toEqual(["#7b4f9d", "#4c78a8", "#f58518", "#4c78a8", "#f58518"]);
    const dash = findAll(fig.vegaLiteSpec, "strokeDash")[0] as { scale: { range: number[][] } };
    expect(dash.scale.range).toEqual([
      [1, 0],
      [1, 0],
      [6, 4],
      [1, 0],
      [6, 4],
    ]);
  });

  it("draw the 30 s SLO rule once per panel", () => {
    const values = findAll(figure("wait-vs-decision-time").vegaLiteSpec, "values").flat() as {
      anchor?: boolean;
    }[];
    expect(values.filter((v) => v.anchor)).toHaveLength(VARIANT_LABELS.length);
  });

  it("show utilization of the first, middle and last decision time per variant, locked only where offers lock", () => {
    const fig = figure("utilization-over-time");
    expect(fig.caption).toContain("9 of the 12 runs with seed 1");
    expect(fig.caption).toContain("(0.1s, 10s, 100s) in every architecture panel");
    const values = findAll(fig.vegaLiteSpec, "values").flat() as {
      panel: string;
      resource: string;
      measure: string;
    }[];
    // A row of panels per run shown (variant · decision time), CPU and memory apart, so lines of
    // similar runs or resources do not overlap.
    const runs = VARIANT_LABELS.flatMap((v) => ["0.1s", "10s", "100s"].map((dt) => `${v} · ${dt}`));
    const panels = runs.flatMap((r) => [`${r} · CPU`, `${r} · Memory`]);
    expect(new Set(values.map((v) => v.panel))).toEqual(new Set(panels));
    const lockedPanels = new Set(values.filter((v) => v.measure === "locked").map((v) => v.panel));
    expect(lockedPanels).toEqual(new Set(panels.filter((p) => p.startsWith("two-level"))));
    expect(new Set(values.map((v) => v.resource))).toEqual(new Set(["CPU", "Memory"]));
    expect(fig.caption).toContain("One row of panels per run shown");
    expect(fig.table.columns).toContain("008-s1 · two-level · 0.1s · cpu locked");
  });
});

describe("check", () => {
  it("rejects experiments that do not sweep a decision time, naming what they sweep", () => {
    for (const name of NEW_KINDS) {
      const check = (keys: string[]) => axisProblem(name, keys);
      expect(check([ARCH_PATH])).toMatch(/needs a swept architecture\.decisionTime.*sweeps architecture$/);
      expect(check([])).toMatch(/sweeps nothing/);
      expect(check([ARCH_PATH, SERVICE_DT_PATH])).toBeUndefined();
      const results = makeArchResults();
      results.experiment.sweepPaths = [ARCH_PATH];
      expect(() => figure(name, results)).toThrow(InputError);
    }
  });
});

describe("overview table", () => {
  it("has one row per variant × decision time with role columns", () => {
    const table = overviewTable(makeArchResults());
    expect(table?.rows).toHaveLength(VARIANT_LABELS.length * ARCH_DTS.length);
    expect(table?.columns.slice(0, 5)).toEqual([
      "architecture",
      "t_job(service)",
      "seeds",
      "batch mean wait (s)",
      "service mean wait (s)",
    ]);
    const col = (name: string): number => table?.columns.indexOf(name) ?? -1;
    const mono = table?.rows[0] ?? [];
    expect(mono.slice(0, 3)).toEqual(["mono single-path", "0.1s", 2]);
    expect(mono[col("busyness (batch sched.)")]).toBe(mono[col("busyness (service sched.)")]);
    const mesosSlow = table?.rows.at(-1) ?? [];
    expect(mesosSlow[col("batch abandoned")]).toBe(51.5);
    expect(mesosSlow[col("locked cpu")]).toBe(0.5);
  });

  it("appears at the top of the report only when the architecture is swept", () => {
    const html = buildReportHtml({ results: makeArchResults(), manifest: null, figures: [] });
    expect(html).toContain('<a href="#overview">');
    expect(html.indexOf('id="overview"')).toBeLessThan(html.indexOf('id="runs"'));
    expect(overviewTable(makeResults())).toBeUndefined();
    expect(buildReportHtml({ results: makeResults(), manifest: null, figures: [] })).not.toContain(
      'id="overview"',
    );
  });
});

describe("rendering the architecture sweep", () => {
  it("gives byte-identical SVGs across renders and rebuilds, with variant panel headers", async () => {
    const first = buildFigures(makeArchResults(), ALL_KINDS);
    const again = buildFigures(makeArchResults(), ALL_KINDS);
    for (const [i, fig] of first.entries()) {
      const a = await renderSvg(fig.vegaLiteSpec);
      const b = await renderSvg((again[i] as FigureSpec).vegaLiteSpec);
      expect(b).toBe(a);
      expect(a.startsWith("<svg")).toBe(true);
    }
    const wait = await renderSvg((first[2] as FigureSpec).vegaLiteSpec);
    for (const label of VARIANT_LABELS) expect(wait).toContain(`>${label}<`);
    expect(wait.match(/>30 s SLO</g)).toHaveLength(VARIANT_LABELS.length);
  });
});
