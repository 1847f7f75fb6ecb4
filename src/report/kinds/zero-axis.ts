/**
 * A linear y axis from zero that survives all-zero data. Vega-lite shrinks the domain of an
 * all-zero series to [0, 0] and labels it with one tick, which reads as a broken chart; a fixed
 * 0–1 domain with plain tick labels keeps the axis readable, and the caption says the values are 0.
 */

/** True when there are values and every one is exactly 0. */
export function allZero(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => v === 0);
}

/** The y encoding of a linear axis from zero over `values` (0–1 when they are all zero). */
export function zeroBasedY(field: string, title: string, values: readonly number[]): Record<string, unknown> {
  if (!allZero(values)) return { field, type: "quantitative", title, scale: { zero: true, nice: true } };
  return {
    field,
    type: "quantitative",
    title,
    scale: { domain: [0, 1], nice: false },
    axis: { values: [0, 0.5, 1], format: "~g" },
  };
}

/** Caption words for an all-zero chart ("" otherwise). */
export function allZeroSentence(values: readonly number[]): string {
  return allZero(values) ? "All values are 0 (the y axis keeps a 0–1 scale so the lines stay visible)." : "";
}
