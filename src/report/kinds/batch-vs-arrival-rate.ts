/**
 * Omega fig 9 as the paper draws it: the batch schedulers' conflict fraction (a) and busyness (b)
 * against the relative batch arrival rate (linear x, 1 = the preset's default rate), one line per
 * other swept value — in fig 9 the number of batch schedulers. Values are means over the batch
 * schedulers of a run ("per-scheduler busyness" is what must fall as schedulers are added); the
 * service scheduler is not drawn, as in the paper's fig 9 (the …-vs-scheduler-count kinds show it).
 */
import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../../engine/errors.js";
import type { FigureAxes } from "../../plugins/figure-axes.js";
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { panelSpec, withAnchors } from "../facet.js";
import type { SweepAxis } from "../sweep.js";
import type { FigureSpec, FigureTable } from "../types.js";
import { rowLookup } from "./linear-lines.js";
import { RATE_X_TITLE, rateAxis, rateValue, rateX } from "./rate-axis.js";
import {
  firstSaturated,
  isSaturated,
  QUEUE_GROWTH_SHARE,
  SATURATION_BUSYNESS,
  saturatedShare,
  saturationLayer,
  saturationRows,
  type Saturation,
} from "./saturation.js";
import {
  COUNT_LEGEND,
  pooledConflicts,
  roleMean,
  schedulersOf,
  withCountTitle,
} from "./scheduler-count-axis.js";
import { plotHeight, subPixelBarsNote } from "./error-bars.js";
import { allZeroSentence, zeroBasedY } from "./zero-axis.js";
import {
  colourEncoding,
  dashEncoding,
  groupedRows,
  layoutSentence,
  leadingColumns,
  panelsOf,
  seedsSentence,
  type RunMetric,
  type SeriesTable,
} from "./series.js";

const ROLE = "batch";

const BATCH_SENTENCE =
  "Each value is the mean over the run's batch schedulers (jobs are dealt to them round-robin); " +
  "the service scheduler is not drawn, as in the paper's fig 9.";

/** `metric` of the batch role only (undefined for every other series). */
function batchOnly(metric: (run: RunRecord) => number | undefined): RunMetric {
  return (run, role) => (role === ROLE ? metric(run) : undefined);
}

/** Seed means of `value` (and `spread`) per sweep point for the batch role, batch series only. */
function batchTable(
  results: ResultsFile,
  axes: FigureAxes,
  axis: SweepAxis,
  value: (run: RunRecord) => number | undefined,
  spread?: (run: RunRecord) => number | undefined,
): SeriesTable {
  const table = groupedRows(results, axes, axis, {
    per: "workload",
    x: rateValue,
    value: batchOnly(value),
    ...(spread ? { spread: batchOnly(spread) } : {}),
  });
  if (table.rows.length === 0) {
    throw new InputError(
      `figure ${axes.kind} needs runs with schedulers that serve only batch jobs (shared-state or two-level architectures)`,
    );
  }
  return withCountTitle(results, { ...table, series: [ROLE] }, axis);
}

/** Builds fig 9a; throws InputError when no rate multiplier is swept or no scheduler serves only batch. */
export function buildBatchConflictFractionVsArrivalRate(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = rateAxis(results, axes);
  const table = batchTable(results, axes, axis, (run) =>
    roleMean(run, ROLE, (s) => s.conflictFractionDailyMedian),
  );
  const pooled = rowLookup(batchTable(results, axes, axis, (run) => pooledConflicts(run, ROLE)).rows);
  const lead = leadingColumns(table, RATE_X_TITLE);
  const values = table.rows.map((r) => r.value);
  return {
    name: "batch-conflict-fraction-vs-arrival-rate",
    title: "Batch conflict fraction vs relative batch arrival rate",
    caption: [
      "Conflict fraction of the batch schedulers (conflicted ÷ committed transactions; median of daily values)",
      `against ${axis.path} (linear x; 1 = the workload's default rate). ${seedsSentence(results)}`,
      BATCH_SENTENCE,
      layoutSentence(table),
      "The table adds the whole-run value pooled over the batch schedulers.",
      allZeroSentence(values),
      alongAxisSentence(table, Math.max(0, ...values)),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: rateLinesSpec(table, {
      y: zeroBasedY("value", "Conflict fraction (batch)", values),
      errorBars: false,
    }),
    table: {
      columns: [
        ...lead.columns,
        "seeds",
        "conflictFractionDailyMedian (mean per batch scheduler)",
        "conflictFraction (pooled over batch schedulers)",
      ],
      rows: table.rows.map((r) => [...lead.cells(r), r.seeds, r.value, pooled(r)]),
    },
  };
}

/** Builds fig 9b; throws InputError when no rate multiplier is swept or no scheduler serves only batch. */
export function buildBatchBusynessVsArrivalRate(results: ResultsFile, axes: FigureAxes): FigureSpec {
  const axis = rateAxis(results, axes);
  const table = batchTable(
    results,
    axes,
    axis,
    (run) => roleMean(run, ROLE, (s) => s.busynessDailyMedian),
    (run) => roleMean(run, ROLE, (s) => s.busynessDailyMad),
  );
  // A run's batch role is saturated when any of its batch schedulers is (as the verdicts read it).
  const satTable = batchTable(results, axes, axis, (run) =>
    schedulersOf(run, ROLE).some((s) => isSaturated(run, s)) ? 1 : 0,
  );
  const sat: Saturation = { table: satTable, marks: firstSaturated(satTable) };
  const lead = leadingColumns(table, RATE_X_TITLE);
  return {
    name: "batch-busyness-vs-arrival-rate",
    title: "Per-scheduler batch busyness vs relative batch arrival rate",
    caption: [
      "Busyness of the batch schedulers (fraction of time spent deciding; median of daily values, error bars",
      `± median absolute deviation) against ${axis.path} (linear x; 1 = the workload's default rate).`,
      seedsSentence(results),
      BATCH_SENTENCE,
      layoutSentence(table),
      subPixelBarsNote(table.rows, 1, plotHeight(table.facet !== undefined), "± MAD"),
      alongAxisSentence(table, 1),
      `The dotted grey line marks busyness ${SATURATION_BUSYNESS}.`,
      batchSaturationSentence(sat, table.groupTitle),
    ]
      .filter((s) => s !== "")
      .join(" "),
    vegaLiteSpec: rateLinesSpec(
      table,
      {
        y: {
          field: "value",
          type: "quantitative",
          title: "Busyness per batch scheduler",
          scale: { domain: [0, 1] },
        },
        errorBars: true,
        threshold: true,
      },
      sat,
    ),
    table: busyTable(table, lead, saturatedShare(sat)),
  };
}

function busyTable(
  table: SeriesTable,
  lead: ReturnType<typeof leadingColumns>,
  share: ReturnType<typeof saturatedShare>,
): FigureTable {
  return {
    columns: [
      ...lead.columns,
      "seeds",
      "busynessDailyMedian (mean per batch scheduler)",
      "busynessDailyMad (mean per batch scheduler)",
      "batch saturated (share of seeds)",
    ],
    rows: table.rows.map((r) => [
      ...lead.cells(r),
      r.seeds,
      r.value,
      r.spread,
      share(r.facet, r.group, r.series, r.xSec),
    ]),
  };
}

/** Share of the y axis below which a whole line reads as lying on the x axis. */
const ALONG_AXIS_SHARE = 0.02;

/**
 * "Lines along the x axis (…): 1 batch scheduler." — names the lines a reader would look for and
 * not find, because every value is under 2% of the axis top (`top`); "" when there are none or
 * when every value is 0 (the all-zero sentence says that).
 */
function alongAxisSentence(table: SeriesTable, top: number): string {
  if (top <= 0) return "";
  const flat = table.groups.filter((g) => {
    const values = table.rows.filter((r) => r.group === g).map((r) => r.value);
    return values.length > 0 && Math.max(...values) < ALONG_AXIS_SHARE * top;
  });
  if (flat.length === 0 || flat.length === table.groups.length) return "";
  const names = flat.map((g) => groupName(g, table.groupTitle));
  return `Lines along the x axis (every value below ${ALONG_AXIS_SHARE * 100}% of the axis; see the table): ${names.join(", ")}.`;
}

/** "1 batch scheduler" / "4 batch schedulers" when the groups are the count, else the group label. */
function groupName(group: string, title: string | undefined): string {
  if (title !== COUNT_LEGEND) return group;
  return `${group} batch scheduler${group === "1" ? "" : "s"}`;
}

/**
 * "Batch saturation (…): 1 batch scheduler at 6×; 4 batch schedulers not within the sweep; …",
 * one entry per line, in legend order, so the caption can be checked without reading the chart.
 */
function batchSaturationSentence(sat: Saturation, groupTitle: string | undefined): string {
  const lines: { facet: string; group: string }[] = [];
  for (const r of sat.table.rows) {
    if (!lines.some((l) => l.facet === r.facet && l.group === r.group)) lines.push(r);
  }
  const parts = lines.map(({ facet, group }) => {
    const where = [facet, groupName(group, groupTitle)].filter((p) => p !== "").join(" · ") || "batch";
    const mark = sat.marks.find((m) => m.facet === facet && m.group === group);
    return mark ? `${where} at ${mark.x}×` : `${where} not within the sweep`;
  });
  return (
    `Batch saturation (vertical rules; first swept rate at which most seeds have a batch scheduler at daily-median ` +
    `busyness ≥ ${SATURATION_BUSYNESS} or a growing queue, i.e. > ${QUEUE_GROWTH_SHARE * 100}% of the batch jobs ` +
    `still unattempted at the horizon): ${parts.join("; ")}.`
  );
}

/** The dotted 0.95 busyness reference, drawn once per panel. */
const THRESHOLD_RULE = {
  transform: [{ filter: "datum.anchor" }],
  mark: { type: "rule", color: "#888888", strokeDash: [2, 2] },
  encoding: { y: { datum: SATURATION_BUSYNESS } },
};

interface RateY {
  y: Record<string, unknown>;
  errorBars: boolean;
  /** Draw the 0.95 busyness reference (and clip error bars at 1, the top of the busyness axis). */
  threshold?: boolean;
}

/**
 * An ordered palette for the batch-scheduler count (dark purple for 1 through green for the most,
 * viridis without its pale yellow end), so more schedulers read as "further along" and the counts
 * are not confused with the categorical colours the other figures give the batch rate or clusters.
 * Undefined when the colour groups are not the count.
 */
function countColour(table: SeriesTable): Record<string, unknown> | undefined {
  if (table.groupTitle !== COUNT_LEGEND) return undefined;
  const scale = { domain: table.groups, scheme: { name: "viridis", extent: [0, 0.8] } };
  return { color: { field: "group", type: "ordinal", title: COUNT_LEGEND, scale } };
}

/** One solid line per colour group over the linear rate axis; optional ± spread bars and saturation rules. */
function rateLinesSpec(table: SeriesTable, y: RateY, sat?: Saturation): TopLevelSpec {
  const points = withAnchors(table.rows).map((r) => ({
    kind: "point",
    x: r.xSec,
    facet: r.facet,
    anchor: r.anchor,
    group: r.group,
    series: r.series,
    value: r.value,
    low: Math.max(0, r.value - r.spread),
    high: y.threshold ? Math.min(1, r.value + r.spread) : r.value + r.spread,
  }));
  const colour = countColour(table) ?? colourEncoding(table, "scheduler role");
  // Every line is the batch role (solid); the one-entry dash legend would only repeat the caption.
  const dash = { ...dashEncoding(table, "scheduler role"), legend: null };
  const x = rateX(table.rows.map((r) => r.xSec));
  const onPoints = { filter: "datum.kind === 'point'" };
  const layer: Record<string, unknown>[] = [
    {
      transform: [onPoints],
      mark: { type: "line", point: true },
      encoding: { ...colour, x, y: y.y, strokeDash: dash },
    },
  ];
  if (y.errorBars) {
    const bars = { ...colour, x, y: { field: "low", type: "quantitative" }, y2: { field: "high" } };
    layer.push({ transform: [onPoints], mark: { type: "rule", strokeWidth: 1.25 }, encoding: bars });
  }
  if (y.threshold) layer.push(THRESHOLD_RULE);
  if (sat) layer.push(saturationLayer(colour, dash));
  const rules = sat ? saturationRows(sat, "series") : [];
  return panelSpec({ values: [...points, ...rules], layer, panels: panelsOf(table) });
}
