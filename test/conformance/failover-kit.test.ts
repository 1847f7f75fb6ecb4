import { describe, expect, it } from "vitest";
import { z } from "zod";
import { monolithic } from "../../src/architectures/monolithic/index.js";
import type { Architecture } from "../../src/cluster/architecture.js";
import { planFromJson } from "../../src/experiment/plan.js";
import { registryOf } from "../../src/plugins/load.js";
import { defineArchitecture, definePlugin } from "../../src/plugins/define.js";
import { conformanceChecks, ConformanceError } from "../../src/testing/index.js";

/**
 * The kit's `scheduler-failover` check must catch an architecture that declares failover
 * targets but ignores failures ("deaf": the built-in monolithic scheduler with no-op hooks), and
 * skip, with its reason, one that declares none ("plain"). An experiment with scheduler failures
 * on an architecture that declares no targets is refused before it runs.
 */
const schema = z.strictObject({ decisionTime: z.unknown().optional() });
const plugin = definePlugin({
  architectures: [
    defineArchitecture({
      name: "deaf",
      description: "monolithic that declares failover but ignores it",
      schema,
      create: (spec, host): Architecture => {
        const inner = monolithic.create(spec, host);
        return {
          schedulers: inner.schedulers,
          submit: (job) => inner.submit(job),
          tasksEnded: (job, tasks, machines) => inner.tasksEnded(job, tasks, machines),
          handle: (event) => inner.handle(event),
          schedulerDown: () => {},
          schedulerUp: () => {},
        };
      },
      failoverTargets: () => ({ names: ["monolithic"] }),
    }),
    defineArchitecture({
      name: "plain",
      description: "monolithic without failover",
      schema,
      create: (spec, host) => monolithic.create(spec, host),
    }),
  ],
});

describe("conformance kit: scheduler failover", () => {
  it("fails an architecture that ignores its failures", async () => {
    const checks = conformanceChecks({
      name: "deaf",
      plugins: [plugin],
      architecture: (decisionTime) => ({ type: "deaf", decisionTime }),
    });
    const check = checks.find((c) => c.test === "scheduler-failover")!;
    expect(check.skipped).toBeUndefined();
    const error = await check.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toBe(
      "deaf: scheduler-failover: no decision was ever lost to a failure: the failures were not exercised",
    );
  });

  it("skips an architecture that declares no failover targets, saying why", () => {
    const checks = conformanceChecks({
      name: "plain",
      plugins: [plugin],
      architecture: (decisionTime) => ({ type: "plain", decisionTime }),
    });
    expect(checks.find((c) => c.test === "scheduler-failover")?.skipped).toBe(
      "the architecture declares no failover targets",
    );
  });

  it("refuses scheduler failures on an architecture without failover targets", () => {
    const json = {
      name: "p",
      horizon: "1h",
      cluster: { machines: 10, cpus: 4, memGb: 16 },
      workload: { preset: "google-c" },
      architecture: { type: "plain" },
      failures: { schedulers: [{ scheduler: "monolithic", at: [10], downtime: 5 }] },
    };
    const context = { registry: registryOf([plugin]), plugins: [], baseDir: "." };
    expect(() => planFromJson(json, "p.json", {}, (p) => p, context)).toThrow(
      "p.json: failures.schedulers: architecture plain: it declares no failover targets (failoverTargets), so its schedulers cannot fail",
    );
  });
});
