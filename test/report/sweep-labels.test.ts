import { describe, expect, it } from "vitest";
import { formatParamValue, otherParamsLabel } from "../../src/report/sweep.js";
import type { ResultsFile, RunRecord } from "../../src/experiment/results-types.js";

/** A results file with just what the label functions read: the swept paths and each run's values. */
function results(
  sweepPaths: string[],
  params: Record<string, unknown>,
): { file: ResultsFile; run: RunRecord } {
  const run = { runId: "000-s1", seed: 1, params } as unknown as RunRecord;
  const file = { experiment: { sweepPaths }, runs: [run] } as unknown as ResultsFile;
  return { file, run };
}

describe("sweep labels in legends and panel titles", () => {
  it("name a swept boolean by its key (a bare true/false says nothing)", () => {
    const { file, run } = results(["architecture.type", "scheduling.preemption"], {
      "architecture.type": "monolithic",
      "scheduling.preemption": false,
    });
    expect(otherParamsLabel(file, run)).toBe("monolithic · preemption off");
    run.params["scheduling.preemption"] = true;
    expect(otherParamsLabel(file, run)).toBe("monolithic · preemption on");
  });

  it("read a swept null as none and a named block by its name", () => {
    expect(formatParamValue(null)).toBe("none");
    expect(formatParamValue({ name: "racks of 60", domains: {} })).toBe("racks of 60");
    expect(formatParamValue({ type: "two-level" })).toBe("two-level");
  });
});
