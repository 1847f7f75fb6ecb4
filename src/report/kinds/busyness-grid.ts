/**
 * Omega fig 10: scheduler busyness over a grid of swept t_job(service) × t_task(service), one
 * panel per architecture variant. The paper draws a surface; a heatmap shows the same numbers
 * legibly in a static SVG: cell colour = the service scheduler's busyness (daily median, mean over
 * seeds) on a light ramp, value printed in the cell, and a thick red border plus "unsched." where work was left
 * unscheduled — the region whose size the figure compares across architectures.
 */
import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../../engine/errors.js";
import type { ResultsFile } from "../../experiment/results-types.js";
import { panelSpec } from "../facet.js";
import type { FigureAxes, SweptAxisRule } from "../../plugins/figure-axes.js";
import { sweptAxis, type SweepAxis } from "../sweep.js";
import type { FigureSpec, FigureTable } from "../types.js";
import { gridCells, UNSCHEDULED_SHARE, type GridCell } from "./grid-cells.js";

const NAME = "busyness-grid";
const JOB_RE = /decisionTime(?:\.(service|\*))?\.perJob$/;
const TASK_RE = /decisionTime(?:\.(service|\*))?\.perTask$/;

const GRID_NEEDS =
  "swept architecture.decisionTime.service.perJob and …service.perTask paths (two sweep keys)";

/** The grid's x axis: the swept t_job(service). */
export const GRID_X: SweptAxisRule = { needs: GRID_NEEDS, accepts: [JOB_RE] };
/** The grid's y axis: the swept t_task(service). */
export const GRID_Y: SweptAxisRule = { needs: GRID_NEEDS, accepts: [TASK_RE] };

function gridAxes(results: ResultsFile, axes: FigureAxes): { job: SweepAxis; task: SweepAxis } {
  if (axes.x !== null && axes.y !== null)
    return { job: sweptAxis(results, axes.x), task: sweptAxis(results, axes.y) };
  throw new InputError(`figure ${NAME} needs ${GRID_NEEDS}`);
}

/** Builds the fig-10 grid; throws InputError unless both service decision times are swept. */
export function buildBusynessGrid(results: ResultsFile, figureAxes: FigureAxes): FigureSpec {
  const axes = gridAxes(results, figureAxes);
  const { cells, panels, panelTitle } = gridCells(results, axes, figureAxes.facet);
  const marked = cells.filter((c) => c.unscheduled);
  const byPanel = panels.map((p) => `${p} ${marked.filter((c) => c.panel === p).length}`);
  return {
    name: NAME,
    title: "Service-scheduler busyness over t_job(service) × t_task(service)",
    caption: [
      `Busyness (median of daily values, mean over seeds) of the scheduler deciding service jobs — the service`,
      "scheduler, or the single scheduler of a monolithic single-path cell — for every swept",
      `${axes.job.path} × ${axes.task.path}; one panel per ${panelTitle}.`,
      "Cells with a thick red border and “unsched.” left work unscheduled in at least one seed: some job",
      `abandoned, or more than ${UNSCHEDULED_SHARE * 100}% of submitted jobs still pending at the horizon.`,
      `Unscheduled cells per panel: ${byPanel.join(", ")} (of ${cells.length / Math.max(1, panels.length)}).`,
    ].join(" "),
    vegaLiteSpec: gridSpec(cells, panels),
    table: gridTable(cells, panelTitle),
  };
}

const TABLE_COLUMNS = [
  "t_job(service) (s)",
  "t_task(service) (s)",
  "scheduler",
  "seeds",
  "busynessDailyMedian",
  "abandoned",
  "pending",
  "submitted",
  "unscheduled",
];

function gridTable(cells: GridCell[], panelTitle: string): FigureTable {
  return {
    columns: [panelTitle, ...TABLE_COLUMNS],
    rows: cells.map((c) => [
      c.panel,
      c.tJob,
      c.tTask,
      c.scheduler,
      c.seeds,
      c.busyness,
      c.abandoned,
      c.pending,
      c.submitted,
      c.unscheduled ? "yes" : "no",
    ]),
  };
}

function gridSpec(cells: GridCell[], panels: string[]): TopLevelSpec {
  const jobs = [...new Set(cells.map((c) => c.tJob))].sort((a, b) => a - b).map(String);
  const tasks = [...new Set(cells.map((c) => c.tTask))].sort((a, b) => b - a).map(String);
  const values = cells.map((c) => ({
    facet: c.panel,
    tJob: String(c.tJob),
    tTask: String(c.tTask),
    busyness: c.busyness,
    unscheduled: c.unscheduled,
  }));
  const x = {
    field: "tJob",
    type: "ordinal",
    title: "t_job(service) (s)",
    sort: jobs,
    axis: { labelAngle: 0 },
  };
  const y = { field: "tTask", type: "ordinal", title: "t_task(service) (s)", sort: tasks };
  const layer = [
    {
      mark: { type: "rect", stroke: "white", strokeWidth: 1 },
      encoding: {
        x,
        y,
        color: {
          field: "busyness",
          type: "quantitative",
          title: "busyness",
          // A light ramp, so black values and the red marking stay legible on every cell.
          scale: { domain: [0, 1], range: ["#f7fbff", "#5b9bd5"] },
        },
      },
    },
    ...cellLabels(x, y),
  ];
  return panelSpec({ values, layer, panels: panels.length > 1 || panels[0] !== "" ? panels : undefined });
}

/** The value in every cell, and the red marking of unscheduled cells. */
function cellLabels(x: Record<string, unknown>, y: Record<string, unknown>): Record<string, unknown>[] {
  const marked = { filter: "datum.unscheduled" };
  return [
    {
      mark: { type: "text", fontSize: 10, baseline: "middle" },
      encoding: {
        x,
        y,
        text: { field: "busyness", type: "quantitative", format: ".2f" },
      },
    },
    {
      transform: [marked],
      mark: { type: "rect", filled: false, stroke: "#d62728", strokeWidth: 3 },
      encoding: { x, y },
    },
    {
      transform: [marked],
      mark: { type: "text", fontSize: 8, fontWeight: "bold", dy: 10, color: "#d62728", text: "unsched." },
      encoding: { x, y },
    },
  ];
}
