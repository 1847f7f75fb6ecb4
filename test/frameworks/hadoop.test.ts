import { describe, expect, it } from "vitest";
import type { JobSpec } from "../../src/cluster/job.js";
import { RngFactory } from "../../src/engine/rng.js";
import type { RunConfig } from "../../src/experiment/config.js";
import { runOne } from "../../src/experiment/run-one.js";
import { HADOOP } from "../../src/frameworks/hadoop/index.js";
import type { FrameworkContext } from "../../src/frameworks/types.js";
import { cellConfig } from "../../src/testing/busy-cell.js";

const sec = (s: number) => Math.round(s * 1e6);

function ctx(name: string, rng: RngFactory, machines = 10): FrameworkContext {
  return { name, rng, horizonUs: sec(600), cluster: { machines, cpus: 4, memGb: 16 } };
}

/** Every job an instance makes. */
function all(fields: unknown, c: FrameworkContext): JobSpec[] {
  const next = HADOOP.jobs(fields, c);
  const out: JobSpec[] = [];
  for (let j = next(); j !== undefined; j = next()) out.push(j);
  return out;
}

describe("hadoop jobs", () => {
  const fields = { interArrival: "30s", maps: { exponential: { mean: 10 } }, reduces: 2, delay: "5s" };

  it("are a map job and a reduce job behind it per arrival, maps reading 3 distinct replicas", () => {
    const jobs = all(fields, ctx("hadoop", new RngFactory(7)));
    expect(jobs.length).toBeGreaterThan(10);
    for (let k = 0; k < jobs.length / 2; k++) {
      const map = jobs[2 * k] as JobSpec;
      const reduce = jobs[2 * k + 1] as JobSpec;
      expect([map.id, reduce.id]).toEqual([2 * k, 2 * k + 1]);
      expect(reduce.submitUs).toBe(map.submitUs);
      expect(reduce.fw).toMatchObject({ app: k, appJobs: 2, after: [2 * k], framework: "hadoop" });
      expect(reduce.tasks).toBe(2);
      const locality = map.fw?.locality;
      expect(locality?.delayUs).toBe(sec(5));
      expect(locality?.remoteFactor).toBe(1.5);
      expect(locality?.replicas.length).toBe(map.tasks);
      for (const r of locality?.replicas ?? []) {
        expect(new Set(r).size).toBe(3);
        expect(r.every((m) => m >= 0 && m < 10)).toBe(true);
      }
      expect(map.submitUs).toBeLessThan(sec(600));
    }
  });

  it("are identical for the same seed, and an instance's jobs do not depend on another's", () => {
    expect(all(fields, ctx("hadoop", new RngFactory(7)))).toEqual(
      all(fields, ctx("hadoop", new RngFactory(7))),
    );
    // Instance "a" alone, and "a" drawn interleaved with "b" from the same factory.
    const alone = all(fields, ctx("a", new RngFactory(3)));
    const shared = new RngFactory(3);
    const a = HADOOP.jobs(fields, ctx("a", shared));
    const b = HADOOP.jobs(fields, ctx("b", shared));
    const mixed: JobSpec[] = [];
    for (let j = a(); j !== undefined; j = a()) {
      b();
      mixed.push(j);
    }
    expect(mixed).toEqual(alone);
    expect(all(fields, ctx("b", new RngFactory(3)))).not.toEqual(alone);
  });

  it("stop after `jobs` applications", () => {
    expect(all({ ...fields, jobs: 3 }, ctx("hadoop", new RngFactory(7))).length).toBe(6);
  });

  // 10 machines × 4 CPUs / 16 GB, tasks of 1 CPU / 2 GB: min(4, 8) = 4 per machine, 40 slots.
  // 100 maps of 20 s: ceil(100 / 40) = 3 waves = 60 s; 10 reduces of 30 s: 1 wave = 30 s → 90 s.
  it("set aloneUs to the map waves plus the reduce waves on the whole cell", () => {
    const spec = { maps: 100, reduces: 10, mapDuration: "20s", reduceDuration: "30s", jobs: 1 };
    const [map, reduce] = all(spec, ctx("hadoop", new RngFactory(1)));
    expect(map?.fw?.aloneUs).toBe(sec(90));
    expect(reduce?.fw?.aloneUs).toBe(sec(90));
  });

  it("refuse more replicas than machines, naming the field (defaults: 3 replicas)", () => {
    const facts = { cluster: { machines: 2, cpus: 4, memGb: 16 }, kindsWithJobs: [], kindsKnown: false };
    expect(HADOOP.check({}, facts)).toEqual([
      expect.objectContaining({ level: "error", path: ["replicas"] }),
    ]);
    expect(HADOOP.validate({ delay: "-1s" }).map((i) => i.path)).toEqual([["delay"]]);
    expect(HADOOP.validate({ maps: 0 }).map((i) => i.path[0])).toEqual(["maps"]);
  });
});

describe("a hadoop job's map → reduce barrier", () => {
  // 1 machine × 4 CPUs; monolithic, first-fit, 1 s per job decision. One job (submitted at t0,
  // drawn from the instance's arrival stream): 2 maps × 10 s (blocks on machine 0: local),
  // 1 reduce × 5 s.
  //   t0        map job's attempt; t0 + 1: both maps start, end t0 + 11.
  //   t0 + 11   map job completes: the reduce job is released; attempt t0 + 11 → t0 + 12.
  //   t0 + 12   the reduce starts, ends t0 + 17.
  it("starts the reduce tasks only after the last map ends", async () => {
    const block = {
      type: "hadoop",
      jobs: 1,
      maps: 2,
      reduces: 1,
      mapDuration: "10s",
      reduceDuration: "5s",
      replicas: 1,
    };
    const cfg: RunConfig = cellConfig(
      { type: "monolithic", decisionTime: { perJob: "1s", perTask: "0s" } },
      {
        horizonUs: sec(600),
        cluster: { machines: 1, cpus: 4, memGb: 16 },
        placement: "first-fit",
        workload: { type: "source", name: "frameworks", fields: { frameworks: [block] }, baseDir: "." },
        metrics: { samplePeriodUs: sec(10), jobs: true },
      },
    );
    const { type: _type, ...own } = block;
    const t0 = (HADOOP.jobs(own, ctx("hadoop", new RngFactory(5), 1))() as JobSpec).submitUs;
    const groups: [number, number, number, number][] = [];
    await runOne(cfg, 5, {
      checkInvariants: true,
      hooks: {
        tasksStarted: (s: JobSpec, machines: readonly number[], startUs: number, endUs: number) =>
          groups.push([s.id, machines.length, startUs - t0, endUs - t0]),
      },
    });
    expect(groups).toEqual([
      [0, 2, sec(1), sec(11)],
      [1, 1, sec(12), sec(17)],
    ]);
  });
});
