import { describe, expect, it } from "vitest";
import { QuasarCell } from "../../src/quasar/cell.js";
import { parseQuasarCluster, parseQuasarPolicy } from "../../src/quasar/schema.js";
import { cellOf, type } from "./helpers.js";

describe("schemas", () => {
  it("parses the experiment-file forms with defaults", () => {
    expect(parseQuasarPolicy({ kind: "quasar" })).toEqual({
      kind: "quasar",
      entriesPerRow: 2,
      profilingRunSec: 5,
      decisionMs: 50,
      monitorPeriodSec: 10,
      headroom: 1.05,
    });
    expect(parseQuasarPolicy({ kind: "reservation", assignment: "paragon" })).toMatchObject({
      assignment: "paragon",
    });
    expect(parseQuasarCluster({ preset: "quasar-large" }).machines.reduce((s, m) => s + m.count, 0)).toBe(
      200,
    );
    expect(parseQuasarCluster({ preset: "quasar-batch" }).machines.reduce((s, m) => s + m.count, 0)).toBe(40);
  });

  it("rejects unknown fields, assignments and presets", () => {
    expect(() => parseQuasarPolicy({ kind: "quasar", entries: 2 })).toThrow();
    expect(() => parseQuasarPolicy({ kind: "reservation", assignment: "random" })).toThrow();
    expect(() => parseQuasarCluster({ preset: "google-a" })).toThrow();
  });
});

describe("the cell refuses to over-commit", () => {
  it("throws when cores or memory would exceed a machine", () => {
    const cell: QuasarCell = cellOf([type("a", 4, 8)]);
    cell.place(1, 0, 3, 4, new Float64Array(3));
    expect(() => cell.place(2, 0, 2, 1, new Float64Array(3))).toThrow(/over-committed/);
    expect(() => cell.place(2, 0, 1, 5, new Float64Array(3))).toThrow(/over-committed/);
    cell.place(2, 0, 1, 4, new Float64Array(3));
    cell.remove(1, 0, 3, 4, new Float64Array(3));
    expect(cell.freeCores(0)).toBe(3);
  });
});
