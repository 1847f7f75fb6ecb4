import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/**
 * Bad framework input through the built CLI: `validate` and `run` each print one line
 * `cellsim: <file>: <field path>: …`, exit 2, no stack trace, nothing written.
 */

let dir = "";

const PIPELINE = [
  { name: "extract", duration: "10m" },
  { name: "load", duration: "20m", parents: ["extract"] },
];

/** An experiment whose workload is one framework instance with these fields. */
async function experiment(name: string, framework: Record<string, unknown>): Promise<string> {
  const json = {
    name,
    horizon: "1h",
    cluster: { machines: 4, cpus: 4, memGb: 16 },
    architecture: { type: "monolithic" },
    workload: { source: "frameworks", frameworks: [framework] },
  };
  const file = `${name}.json`;
  await writeFile(path.join(dir, file), JSON.stringify(json));
  return file;
}

async function expectRefused(file: string, expected: RegExp): Promise<void> {
  const out = `out-${path.basename(file, ".json")}`;
  const validated = await cellsim(["validate", file], dir);
  const ran = await cellsim(["run", file, "--out", out, "--jobs", "1"], dir);
  for (const r of [validated, ran]) {
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
  expect(existsSync(path.join(dir, out))).toBe(false);
}

const chronos = (over: Record<string, unknown>) => ({
  type: "chronos",
  schedule: "R/2013-03-15T11:44:03Z/PT10M",
  jobs: PIPELINE,
  ...over,
});

describe("bad framework input through the CLI", () => {
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-fw-bad-input-"));
  });

  it("accepts the good experiment the cases start from", async () => {
    const file = await experiment("good", chronos({}));
    const r = await cellsim(["validate", file], dir);
    expect(r.code, r.stderr).toBe(0);
  });

  it("a dependency cycle, named", async () => {
    const jobs = [
      { name: "extract", duration: "10m", parents: ["load"] },
      { name: "load", duration: "20m", parents: ["extract"] },
    ];
    const file = await experiment("cycle", chronos({ jobs }));
    await expectRefused(
      file,
      /^cellsim: cycle\.json: workload\.frameworks\[0\]\.jobs\[0\]\.parents: dependency cycle extract → load → extract: a pipeline must be a DAG\n$/,
    );
  });

  it("a parent that does not exist", async () => {
    const jobs = [{ name: "load", duration: "20m", parents: ["extrct"] }];
    const file = await experiment("parent", chronos({ jobs }));
    await expectRefused(
      file,
      /^cellsim: parent\.json: workload\.frameworks\[0\]\.jobs\[0\]\.parents\[0\]: unknown parent "extrct": expected one of load\n$/,
    );
  });

  it("an ISO 8601 schedule that does not parse", async () => {
    const file = await experiment("iso", chronos({ schedule: "R/2013-02-30T11:44:03Z/PT24H" }));
    await expectRefused(
      file,
      /^cellsim: iso\.json: workload\.frameworks\[0\]\.schedule: bad ISO 8601 instant "2013-02-30T11:44:03Z"/,
    );
    const period = await experiment("period", chronos({ schedule: "R/2013-03-15T11:44:03Z/24h" }));
    await expectRefused(
      period,
      /^cellsim: period\.json: workload\.frameworks\[0\]\.schedule: period: bad ISO 8601 duration "24h"/,
    );
  });

  it("a negative epsilon", async () => {
    const file = await experiment("epsilon", chronos({ epsilon: "-PT5S" }));
    await expectRefused(
      file,
      /^cellsim: epsilon\.json: workload\.frameworks\[0\]\.epsilon: must be 0 or longer \(got "-PT5S"\)\n$/,
    );
  });

  it("a gang larger than the cell", async () => {
    const mpi = { type: "mpi", interArrival: "5m", ranks: 17, cpusPerRank: 1, duration: "10m" };
    const file = await experiment("gang", mpi);
    await expectRefused(
      file,
      /^cellsim: gang\.json: workload\.frameworks\[0\]\.ranks: a gang of 17 ranks is larger than the empty cell: at most 16 ranks of 1 CPUs and 1 GB fit \(4 per machine × 4 machines\)\n$/,
    );
  });
});
