import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_MAIN, cellsim } from "../helpers/cli.js";
import { requireDist } from "../helpers/dist.js";

/** GPUs on the command line: bad input is one message and exit 2, nothing written. */
describe("cellsim with GPUs", () => {
  let dir = "";
  beforeAll(async () => {
    requireDist(CLI_MAIN);
    dir = await mkdtemp(path.join(tmpdir(), "cellsim-gpu-"));
  });

  it("trace generate refuses a GPU workload the native format cannot carry", async () => {
    const r = await cellsim(["trace", "generate", "gpu-cluster", "--out", "g.csv", "--horizon", "1h"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "cellsim: gpu-cluster: workload.synthetic.batch.resources: the native trace format has no column for further resources or gangs yet, so trace generate cannot write this workload\n",
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("a task asking for GPUs on a cell without them names the field", async () => {
    const file = path.join(dir, "no-gpus.json");
    const kind = {
      interarrival: { exponential: { mean: "10s" } },
      tasks: { constant: 1 },
      duration: { constant: "1m" },
      cpusPerTask: { constant: 1 },
      memGbPerTask: { constant: 1 },
      resources: { gpus: { constant: 0.5 } },
    };
    await writeFile(
      file,
      JSON.stringify({
        name: "no-gpus",
        horizon: "1h",
        cluster: { machines: 2, cpus: 4, memGb: 16 },
        workload: { synthetic: { batch: kind } },
      }),
    );
    const r = await cellsim(["run", "no-gpus.json", "--out", "out"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /workload\.synthetic\.batch\.resources\.gpus: "gpus" is not a resource of the cell/,
    );
    expect((await readdir(dir)).sort()).toEqual(["no-gpus.json"]);
  });
});
