import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { loadWorkload } from "../../src/experiment/load-workload.js";
import { RngFactory } from "../../src/engine/rng.js";
import { readCellsim, streamCellsim } from "../../src/workloads/traces/cellsim.js";
import type { CommonReadOptions } from "../../src/workloads/traces/types.js";
import { drain } from "./helpers.js";

/**
 * A run pulls a native trace job by job from its columns (streamCellsim) instead of reading it
 * into lists (readCellsim): the jobs, their order and their fields must be the same.
 */

const GPU_FIXTURE = "test/fixtures/traces/cellsim/gpu-columns.csv";

/** Prefill rows, unsorted submits, both kinds: the reader sorts, the cursor must keep that order. */
const UNSORTED = [
  "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s,prefill",
  "1,0,service,2,0.5,1,5000,1",
  "7,300,batch,10,0.25,0.5,60,0",
  "3,10,service,1,1,4,9000,0",
  "5,300,batch,4,1,2,30.5,0",
  "2,0,batch,3,0.5,1,700,1",
  "9,45.25,batch,1,2,8,12,0",
  "4,600.5,service,2,1,1,100,0",
];

let dir = "";
let FIXTURES: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cellsim-native-stream-"));
  const unsorted = join(dir, "unsorted.csv");
  await writeFile(unsorted, `${UNSORTED.join("\n")}\n`);
  FIXTURES = [GPU_FIXTURE, unsorted];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OPTIONS: CommonReadOptions[] = [
  {},
  { fromUs: 20e6, toUs: 400e6 },
  { rateMultiplier: { batch: 2, service: 0 } },
  { fromUs: 5e6, rateMultiplier: { batch: 0.5 } },
];

function pull(next: () => JobSpec | undefined): JobSpec[] {
  const out: JobSpec[] = [];
  for (let job = next(); job !== undefined; job = next()) out.push(job);
  return out;
}

describe("streamCellsim", () => {
  for (const [f, name] of ["gpu-columns.csv", "unsorted.csv"].entries()) {
    for (const opts of OPTIONS) {
      it(`${name} ${JSON.stringify(opts)}: the same jobs as the list reader, in order`, async () => {
        const file = FIXTURES[f] as string;
        const listed = await readCellsim(file, opts);
        const streamed = await streamCellsim(file, opts);
        expect(streamed.prefill).toEqual(listed.prefill);
        const jobs = pull(streamed.next);
        expect(jobs).toEqual(listed.jobs);
        expect(jobs.length + streamed.prefill.length).toBeGreaterThan(0);
        expect(streamed.next()).toBeUndefined();
      });
    }
  }

  it("is what a run's workload pulls for the native format, and the list reader with skipInvalid", async () => {
    const file = FIXTURES[1] as string;
    const listed = await readCellsim(file, {});
    for (const options of [undefined, { skipInvalid: true }]) {
      const config = {
        horizonUs: 1e12,
        workload: { type: "trace", format: "cellsim", path: file, ...(options ? { options } : {}) },
      } as unknown as Parameters<typeof loadWorkload>[0];
      const workload = await loadWorkload(config, 100, new RngFactory(1));
      expect(workload.prefill).toEqual(listed.prefill);
      expect(drain(workload)).toEqual(listed.jobs);
    }
  });
});
