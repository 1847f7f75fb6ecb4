/**
 * The header of the `trace inspect` report as Chromium draws it (headless, see
 * test/helpers/chromium.ts): every value cell of the label lists is at least as wide as its
 * content, or — for values longer than a line (file lists) — gets at least half the list's
 * width. A long label once took the whole width and squeezed its value to one letter per line
 * (~5,000 px of blank page). The same check on the old stylesheet must see that squeeze.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { buildWorkloadReportHtml, type InspectedWorkload } from "../../src/report/workload-report.js";
import { characterize } from "../../src/workloads/characterize.js";
import { loadPage } from "../helpers/chromium.js";

const job: JobSpec = {
  id: 1,
  kind: "batch",
  submitUs: 1e6,
  tasks: 2,
  cpusPerTask: 0.5,
  memGbPerTask: 2,
  durationUs: 10e6,
  prefill: false,
};

/** Headers with a long label (a google-2011 dropped reason) and a long value (a file list). */
const SHARDS = [0, 1, 2].map((n) => `traces/google-2011-sample/task_events-part-0000${n}-of-00500.csv.gz`);
const INPUTS: InspectedWorkload[] = [
  {
    stats: characterize(SHARDS.join(","), [], [job]),
    provenance: [
      ["format", "google-2011"],
      ["files", SHARDS.join(", ")],
      ["rows", 3536],
      ["prefill jobs / submitted jobs", "144 / 95"],
      ["dropped: task runs starting after the window start, in jobs already running there", 9],
      ["dropped: jobs with no task run in the window", 2057000],
    ],
  },
  { stats: characterize("preset google-c", [], [job]), provenance: [["preset", "google-c"]] },
];

/**
 * Measures each `dd` of the header once the page is laid out: its width, the width of its text
 * on one line, and its list's width; written into the DOM as JSON for --dump-dom to carry out.
 */
const MEASURE = `<script>
addEventListener("load", () => {
  const out = [...document.querySelectorAll("header dd")].map((dd) => {
    const probe = document.createElement("span");
    probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap;font:inherit";
    probe.textContent = dd.textContent;
    dd.appendChild(probe);
    const content = probe.getBoundingClientRect().width;
    probe.remove();
    return { text: dd.textContent, width: dd.getBoundingClientRect().width, content,
      list: dd.parentElement.getBoundingClientRect().width };
  });
  const pre = document.createElement("pre");
  pre.id = "layout";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>`;

interface Cell {
  text: string;
  width: number;
  content: number;
  list: number;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cellsim-layout-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function measure(name: string, extraCss: string, windowSize: string): Promise<Cell[]> {
  const html = buildWorkloadReportHtml(INPUTS, []).replace(
    "</head>",
    `<style>${extraCss}</style>${MEASURE}</head>`,
  );
  const path = join(dir, `${name}.html`);
  await writeFile(path, html);
  const { dom } = loadPage(path, join(dir, `profile-${name}`), windowSize);
  const json = /<pre id="layout">([^<]*)<\/pre>/.exec(dom)?.[1];
  if (json === undefined) throw new Error(`no measurements in the page:\n${dom.slice(0, 500)}`);
  return JSON.parse(json.replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as Cell[];
}

/** Value cells narrower than their content, unless they have at least half their list's width. */
function squeezed(cells: Cell[]): Cell[] {
  return cells.filter((c) => c.width + 0.5 < c.content && c.width < c.list / 2);
}

describe("trace inspect report header in Chromium", () => {
  it.each(["1400,2000", "700,2000"])("no value cell is narrower than its content at %s", async (size) => {
    const cells = await measure(`report-${size.split(",")[0]}`, "", size);
    expect(cells.map((c) => c.text)).toContain("2,057,000");
    expect(cells.length).toBe(7);
    expect(squeezed(cells)).toEqual([]);
    // Short values sit on one line, unbroken.
    for (const c of cells.filter((x) => x.content < x.list / 2))
      expect(c.width).toBeGreaterThanOrEqual(c.content);
  });

  it("the check sees the squeeze of the old label column (max-content)", async () => {
    const old = "dl { grid-template-columns: max-content 1fr; } dt { overflow-wrap: normal; }";
    const cells = await measure("old", old, "1400,2000");
    const texts = squeezed(cells).map((c) => c.text);
    expect(texts).toContain("google-2011");
    expect(texts).toContain("2,057,000");
  });
});
