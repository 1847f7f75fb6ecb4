import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
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

  it("trace generate writes a GPU workload with its gpus_per_task and gang columns", async () => {
    const r = await cellsim(["trace", "generate", "gpu-cluster", "--out", "g.csv", "--horizon", "10m"], dir);
    expect(r.code).toBe(0);
    const [header] = (await readFile(path.join(dir, "g.csv"), "utf8")).split("\n");
    expect(header).toBe(
      "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s,prefill,gpus_per_task,gang",
    );
    await rm(path.join(dir, "g.csv"));
  });

  it("trace generate refuses a further resource the native format cannot carry", async () => {
    const file = path.join(dir, "ssd.json");
    const kind = {
      interarrival: { exponential: { mean: "10s" } },
      tasks: { constant: 1 },
      duration: { constant: "1m" },
      cpusPerTask: { constant: 1 },
      memGbPerTask: { constant: 1 },
      resources: { ssdGb: { constant: 20 } },
    };
    const cluster = { machines: 2, cpus: 4, memGb: 16, resources: { ssdGb: 400 } };
    await writeFile(
      file,
      JSON.stringify({ name: "ssd", horizon: "1h", cluster, workload: { synthetic: { batch: kind } } }),
    );
    const r = await cellsim(["trace", "generate", "ssd.json", "--out", "s.csv"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "cellsim: ssd.json: workload.synthetic.batch.resources.ssdGb: the native trace format has a column for GPUs only (gpus_per_task), none for this resource\n",
    );
    expect(await readdir(dir)).toEqual(["ssd.json"]);
    await rm(file);
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
