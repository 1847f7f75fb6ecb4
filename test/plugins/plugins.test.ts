import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/api.js";
import { InputError } from "../../src/engine/errors.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { BUILTIN_REGISTRY } from "../../src/plugins/builtin.js";
import { defineArchitecture, definePlugin, type Plugin } from "../../src/plugins/define.js";
import { loadRegistry, registryOf } from "../../src/plugins/load.js";
import { z } from "zod";
import { EventKind } from "../../src/cluster/events.js";
import { RngFactory } from "../../src/engine/rng.js";
import { simulateWorkload } from "../../src/experiment/run-one.js";
import { QueueScheduler } from "../../src/policies/queue-scheduler.js";
import { workloadFromList } from "../../src/workloads/source.js";
import { PAPER_DT } from "../helpers/architectures.js";
import { job, monolithicConfig } from "../helpers/configs.js";
import { distPath, requireDist } from "../helpers/dist.js";

/**
 * Plug-ins: registries per experiment (no global state), name clashes, a plug-in's own schema
 * errors, and each kind of entry in use. The fixture plug-in imports the built package (dist/),
 * exactly as a user's plug-in imports `cellsim`.
 */

const DEMO = new URL("./fixtures/demo-plugin.mjs", import.meta.url).pathname;
const CLASH = new URL("./fixtures/clash-plugin.mjs", import.meta.url).pathname;

async function demo(): Promise<Plugin> {
  requireDist(distPath("src/index.js"));
  const { plugin } = (await loadRegistry([DEMO])).plugins[0]!;
  return plugin;
}

const experiment = (over: Record<string, unknown> = {}) => ({
  name: "plug",
  horizon: "10m",
  seeds: [1, 2],
  cluster: { machines: 20, cpus: 4, memGb: 16 },
  workload: { source: "fixed-jobs", jobs: 30, tasks: 3 },
  architecture: { type: "split-queues" },
  ...over,
});

describe("plug-in registry", () => {
  it("lists built-ins first, each with its origin", () => {
    expect(BUILTIN_REGISTRY.architectures.names).toEqual([
      "monolithic",
      "static-partition",
      "two-level",
      "shared-state",
    ]);
    expect(BUILTIN_REGISTRY.architectures.origin("two-level")).toBe("built-in");
    expect(() => BUILTIN_REGISTRY.placements.require("worst-fit")).toThrow(
      'unknown placement policy "worst-fit"; valid: random-first-fit, first-fit, best-fit, least-loaded',
    );
  });

  it("refuses a name defined twice, naming both origins", async () => {
    requireDist(distPath("src/index.js"));
    await expect(loadRegistry([CLASH])).rejects.toThrow(
      `architecture "two-level" is defined twice: by built-in and by ${CLASH}; rename one`,
    );
    const a = definePlugin({
      name: "a",
      architectures: [
        defineArchitecture({
          name: "x",
          description: "",
          schema: z.object({}),
          create: () => {
            throw new Error();
          },
        }),
      ],
    });
    const b = definePlugin({ name: "b", architectures: a.architectures });
    expect(() => registryOf([a, b])).toThrow(
      'architecture "x" is defined twice: by plug-in a and by plug-in b',
    );
  });

  it("rejects a module whose default export is not a plug-in", async () => {
    await expect(loadRegistry([new URL("./plugins.test.ts", import.meta.url).pathname])).rejects.toThrow(
      InputError,
    );
  });
});

describe("plug-ins in experiments", () => {
  it("runs a plug-in architecture on a plug-in workload source, deterministically", async () => {
    const plugins = [await demo()];
    const a = await simulate(experiment(), { plugins, checkInvariants: true });
    const b = await simulate(experiment(), { plugins });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const s = a.runs[0]!.summary;
    if ("model" in s) throw new Error("expected a cell-model run");
    expect(s.schedulers.map((x) => x.name)).toEqual(["split-batch", "split-service"]);
    // 30 jobs every 10 s: 23 batch (ids not ≡ 3 mod 4), 7 service, all within the 10-minute horizon.
    expect(s.workloads.batch?.submitted).toBe(23);
    expect(s.workloads.service?.submitted).toBe(7);
    expect(s.workloads.batch?.fullyScheduled).toBe(23);
  });

  it("keeps plug-ins to the call that was given them: two simulate() calls never share a registry", async () => {
    const plugins = [await demo()];
    await simulate(experiment(), { plugins });
    await expect(simulate(experiment())).rejects.toThrow(
      /architecture\.type: unknown architecture "split-queues"/,
    );
    await expect(simulate(experiment({ architecture: { type: "monolithic" } }))).rejects.toThrow(
      /workload\.source: unknown workload source "fixed-jobs"/,
    );
  });

  it("checks a plug-in's block with its own schema: same file: field.path: message errors as built-ins", async () => {
    const plugins = [await demo()];
    const bad = experiment({ architecture: { type: "split-queues", queueLimit: 0, colour: "red" } });
    const error = await simulate(bad, { plugins, label: "x.json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message.split("\n")).toEqual([
      "x.json: architecture.queueLimit: must be > 0, got number 0",
      "x.json: architecture.colour: unknown field",
    ]);
    const badSource = experiment({ workload: { source: "fixed-jobs", jobs: "many" } });
    await expect(simulate(badSource, { plugins, label: "x.json" })).rejects.toThrow(
      'x.json: workload.jobs: expected number, got "many"',
    );
  });

  it("validates figure names against the experiment's registry", async () => {
    const plugins = [await demo()];
    await expect(simulate(experiment({ figures: ["jobs-per-run"] }))).rejects.toThrow(/unknown architecture/);
    const results = await simulate(experiment({ figures: ["jobs-per-run"] }), { plugins });
    expect(results.experiment.figures).toEqual(["jobs-per-run"]);
  });
});

describe("architecture checks against the experiment", () => {
  const base = {
    name: "checks",
    horizon: "1h",
    cluster: { machines: 10, cpus: 4, memGb: 16 },
    workload: { preset: "google-c" },
  };

  it("refuses a kind that submits jobs but has no scheduler or framework", async () => {
    await expect(
      simulate(
        { ...base, architecture: { type: "shared-state", schedulers: { service: 0 } } },
        { label: "x.json" },
      ),
    ).rejects.toThrow(
      "x.json: architecture.schedulers.service: 0 schedulers for service jobs, but the workload submits service jobs",
    );
    await expect(
      simulate(
        { ...base, architecture: { type: "two-level", frameworks: { batch: 0 } } },
        { label: "x.json" },
      ),
    ).rejects.toThrow("x.json: architecture.frameworks.batch: 0 frameworks for batch jobs");
  });

  it("warns (once) of a partition of 0 machines for a kind with jobs, and not for a kind without", () => {
    const partitions = { batch: 0.96, service: 0.04 }; // 0.4 machines of 10 → 0
    const plan = planFromJson(
      { ...base, architecture: { type: "static-partition", partitions }, seeds: [1, 2] },
      "x.json",
    );
    expect(plan.warnings.filter((w) => w.includes("partition"))).toEqual([
      "x.json: architecture.partitions.service: the service partition has 0 of the cell's 10 machines: no service job can ever run",
    ]);
    const batchOnly = { ...base, workload: { preset: "google-c", rateMultiplier: { service: 0 } } };
    const quiet = planFromJson(
      { ...batchOnly, architecture: { type: "static-partition", partitions } },
      "x.json",
    );
    expect(quiet.warnings.filter((w) => w.includes("partition"))).toEqual([]);
  });

  it("warns when minOfferCpus exceeds the cell", () => {
    const plan = planFromJson({ ...base, architecture: { type: "two-level", minOfferCpus: 41 } }, "x.json");
    expect(plan.warnings).toContain(
      "x.json: architecture.minOfferCpus: minOfferCpus 41 exceeds the cell's 40 CPUs: no offer is ever made, no job ever runs",
    );
  });
});

describe("what an architecture hears of task ends", () => {
  it("tasksEnded names the machines; machinesFreed hears every group, prefill included", () => {
    const heard: { what: string; at: number; machines: number[] }[] = [];
    const listening = definePlugin({
      architectures: [
        defineArchitecture({
          name: "listening",
          description: "monolithic, recording task ends",
          schema: z.object({}),
          create: (_spec, host) => {
            const inner = new QueueScheduler(host, {
              index: 0,
              decisionTime: { batch: PAPER_DT, service: PAPER_DT },
              place: host.makePlacer(),
              rng: host.stream("placement:listening"),
            });
            return {
              schedulers: [{ name: "listening", workloads: ["batch", "service"] }],
              submit: (job) => inner.enqueue(job),
              tasksEnded: (_job, _tasks, machines) =>
                heard.push({ what: "tasksEnded", at: host.now, machines: [...machines] }),
              machinesFreed: (machines) =>
                heard.push({ what: "machinesFreed", at: host.now, machines: [...machines] }),
              handle: (event) => {
                if (event.kind === EventKind.SchedulerDone) inner.decide();
                else inner.enqueue(host.jobs[event.a]!);
              },
            };
          },
        }),
      ],
    });
    const config = { ...monolithicConfig({ horizonUs: 60e6 }), architecture: { type: "listening" } };
    // Prefill: 3 tasks ending at 5 s. Job 0: 2 tasks of 10 s, placed after 0.1 s + 2 × 5 ms.
    const prefill = [job(100, 0, 3, { prefill: true, durationUs: 5e6 })];
    simulateWorkload(config, workloadFromList(prefill, [job(0, 0, 2)]), new RngFactory(1), {
      registry: registryOf([listening]),
      checkInvariants: true,
    });
    expect(heard.map((h) => [h.what, h.at, h.machines.length])).toEqual([
      ["machinesFreed", 5e6, 3],
      ["tasksEnded", 10.11e6, 2],
      ["machinesFreed", 10.11e6, 2],
    ]);
    expect(heard[1]!.machines).toEqual(heard[2]!.machines);
  });
});

describe("kinds without a scheduler, by what the workload is known to hold", () => {
  const HEADER = "job_id,submit_s,workload,tasks,cpus_per_task,mem_gb_per_task,duration_s";
  const traceExperiment = (trace: string) => ({
    name: "trace-kinds",
    horizon: "10m",
    cluster: { machines: 10, cpus: 4, memGb: 16 },
    workload: { trace, format: "cellsim" },
    architecture: { type: "shared-state", schedulers: { service: 0 } },
  });

  it("reads a trace's kinds: no service jobs, no service scheduler needed; service jobs, an error", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cellsim-kinds-"));
    await writeFile(path.join(dir, "batch.csv"), `${HEADER}\n1,0,batch,2,1,1,30\n2,5,batch,1,1,1,30\n`);
    await writeFile(path.join(dir, "mixed.csv"), `${HEADER}\n1,0,batch,2,1,1,30\n2,5,service,1,1,1,30\n`);
    const ok = await simulate(traceExperiment("batch.csv"), { baseDir: dir });
    expect(ok.runs).toHaveLength(1);
    await expect(simulate(traceExperiment("mixed.csv"), { baseDir: dir, label: "x.json" })).rejects.toThrow(
      "x.json: architecture.schedulers.service: 0 schedulers for service jobs, but the workload submits service jobs",
    );
  });

  it("a plug-in source's kinds are unknown: a warning, and a clear input error if one arrives", async () => {
    const plugins = [await demo()];
    const exp = experiment({ architecture: { type: "shared-state", schedulers: { service: 0 } } });
    const plan = planFromJson(exp, "x.json", {}, (p) => p, {
      registry: registryOf(plugins),
      plugins: [],
      baseDir: ".",
    });
    expect(plan.warnings).toContain(
      "x.json: architecture.schedulers.service: 0 schedulers for service jobs: if the workload source submits a service job, the run stops there",
    );
    await expect(simulate(exp, { plugins, label: "x.json" })).rejects.toThrow(
      /^architecture\.schedulers\.service: 0 schedulers for service jobs, but the workload submitted service job 3$/,
    );
  });
});
