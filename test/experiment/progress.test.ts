import { describe, expect, it } from "vitest";
import { streamProgress } from "../../src/experiment/progress.js";

/** A stand-in for stderr that records what is written. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = { isTTY, write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join("") };
}

describe("progress", () => {
  it("prints one plain line per run when stderr is not a terminal", () => {
    const { stream, text } = fakeStream(false);
    const p = streamProgress(stream);
    p.start(3, 1);
    p.runDone("000-s1", 2, 3);
    p.finish();
    expect(text()).toMatch(
      /^cellsim: 3 runs \(1 already done, resuming\)\ncellsim: run 000-s1 done \(2\/3, ETA \S+\)\n$/,
    );
  });

  it("redraws a bar with done/total and ETA on a terminal", () => {
    const { stream, text } = fakeStream(true);
    const p = streamProgress(stream);
    p.start(4, 0);
    p.runDone("000-s1", 2, 4);
    p.finish();
    expect(text()).toContain(`\r[${"#".repeat(15)}${".".repeat(15)}] 2/4 runs  ETA `);
    expect(text().endsWith("\n")).toBe(true);
  });
});
