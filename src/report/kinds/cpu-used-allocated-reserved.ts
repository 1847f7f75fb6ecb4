/**
 * Quasar fig 11d: cluster CPU cores used, allocated and reserved over time, one panel per policy
 * (first seed: makespans differ between seeds, so their series do not average), with the cell's
 * capacity. Reserved counts the users' reservations of every job that has arrived and not
 * finished, queued ones included, so it may exceed capacity. Bins are merged in pairs, fours, …
 * until a series has at most MAX_BINS points (each point the exact mean of its bins). The data
 * table is wide (a row per policy and time) to keep the inline report small.
 */
import type { ResultsFile, RunRecord } from "../../experiment/results-types.js";
import { panelSpec } from "../facet.js";
import { roundSig } from "../sweep.js";
import type { FigureSpec, TableCell } from "../types.js";
import { pct, perfOf, policyGroups } from "./quasar-groups.js";

const NAME = "cpu-used-allocated-reserved";
const MAX_BINS = 120;
/**
 * The y axis ends at this many capacities: queued reservations can reach 10–20× capacity, which
 * would flatten used and allocated into the axis; the caption gives the reserved peak.
 */
const Y_CAPACITIES = 2.5;
const SERIES = ["used", "allocated", "reserved", "capacity"] as const;
const COLOURS = ["#4c78a8", "#f58518", "#e45756", "#333333"];
const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
];

interface Row {
  facet: string;
  minute: number;
  series: (typeof SERIES)[number];
  cores: number;
}

/** Means of consecutive groups of `width` values. */
function merge(values: readonly number[], width: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += width) {
    const part = values.slice(i, i + width);
    out.push(part.reduce((a, b) => a + b, 0) / part.length);
  }
  return out;
}

function rowsOf(run: RunRecord, facet: string): Row[] {
  const cpu = perfOf(run).cpu;
  const width = Math.max(1, Math.ceil(cpu.usedCores.length / MAX_BINS));
  const binMin = (cpu.binSec * width) / 60;
  const series: [Row["series"], number[]][] = [
    ["used", merge(cpu.usedCores, width)],
    ["allocated", merge(cpu.allocatedCores, width)],
    ["reserved", merge(cpu.reservedCores, width)],
  ];
  const rows = series.flatMap(([name, values]) =>
    values.map((cores, i) => ({ facet, minute: roundSig(i * binMin), series: name, cores: roundSig(cores) })),
  );
  const endMin = roundSig(((series[0]?.[1].length ?? 0) * binMin) as number);
  const capacity = perfOf(run).capacityCores;
  rows.push({ facet, minute: 0, series: "capacity", cores: capacity });
  rows.push({ facet, minute: endMin, series: "capacity", cores: capacity });
  return rows;
}

/** Builds the used / allocated / reserved figure. */
export function buildCpuUsedAllocatedReserved(results: ResultsFile): FigureSpec {
  const groups = policyGroups(results);
  const firsts = groups.map((g) => ({ label: g.label, run: g.runs[0] as RunRecord }));
  const rows = firsts.flatMap((f) => rowsOf(f.run, f.label));
  const capacity = Math.max(...firsts.map((f) => perfOf(f.run).capacityCores));
  const peakReserved = Math.max(...rows.filter((r) => r.series === "reserved").map((r) => r.cores));
  const ceiling = roundSig(
    Math.max(Y_CAPACITIES * capacity, ...rows.filter((r) => r.series !== "reserved").map((r) => r.cores)),
  );
  const layer = [
    {
      mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5, clip: true },
      encoding: {
        x: { field: "minute", type: "quantitative", title: "Simulated time (min)" },
        y: {
          field: "cores",
          type: "quantitative",
          title: "CPU cores",
          scale: { domain: [0, ceiling], nice: false },
        },
        color: {
          field: "series",
          type: "nominal",
          title: "Cores",
          sort: [...SERIES],
          scale: { domain: [...SERIES], range: COLOURS },
        },
        strokeDash: {
          field: "series",
          type: "nominal",
          sort: [...SERIES],
          scale: { domain: [...SERIES], range: DASHES },
        },
      },
    },
  ];
  const words = firsts.map(({ label, run }) => {
    const c = perfOf(run).cpu;
    return (
      `${label}: used ${pct(c.meanUtilization)}, allocated ${pct(c.meanAllocatedFraction)}, ` +
      `reserved ${pct(c.meanReservedFraction)} of capacity (gap ${pct(c.meanGapFraction)}; ` +
      `reservations above capacity ${pct(c.reservedOverCapacityFraction)} of the run)`
    );
  });
  return {
    name: NAME,
    title: "Cluster CPU used vs allocated vs reserved over time",
    caption:
      `Cores in use, allocated to jobs and reserved by users (every arrived, unfinished job's reservation, queued ` +
      `ones included), per ${firsts[0] ? perfOf(firsts[0].run).cpu.binSec : 0} s bin merged to ≤ ${MAX_BINS} points; ` +
      `black dash-dot: the cell's capacity (${capacity} cores); the axis stops at ${Y_CAPACITIES}× capacity, ` +
      `reservations peak at ${Math.round(peakReserved)} cores. First seed; time means over each run: ${words.join("; ")}. ` +
      "Paper (fig 11d): Quasar's allocated − used gap ≈ 10% of capacity; reservations exceed capacity for most of the run.",
    vegaLiteSpec: panelSpec({
      values: rows as unknown as Record<string, unknown>[],
      layer,
      panels: firsts.map((f) => f.label),
    }),
    table: wideTable(rows, firsts),
  };
}

/** The plotted values, a row per policy and time: cores used, allocated, reserved, and capacity. */
function wideTable(rows: readonly Row[], firsts: readonly { label: string; run: RunRecord }[]) {
  const capacity = new Map(firsts.map((f) => [f.label, perfOf(f.run).capacityCores]));
  const byTime = new Map<string, TableCell[]>();
  for (const r of rows) {
    if (r.series === "capacity") continue;
    const key = `${r.facet}\u0000${r.minute}`;
    let row = byTime.get(key);
    if (!row) {
      row = [r.facet, r.minute, 0, 0, 0, capacity.get(r.facet) ?? 0];
      byTime.set(key, row);
    }
    row[2 + SERIES.indexOf(r.series)] = r.cores;
  }
  return { columns: ["policy", "minute", ...SERIES], rows: [...byTime.values()] };
}
