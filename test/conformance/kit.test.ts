import { describe, expect, it } from "vitest";
import type { Architecture } from "../../src/cluster/architecture.js";
import { EventKind } from "../../src/cluster/events.js";
import type { ArchitectureHost } from "../../src/cluster/host.js";
import type { JobState } from "../../src/cluster/job-state.js";
import { beginAttempt, finishAttempt } from "../../src/cluster/attempt.js";
import { z } from "zod";
import { defineArchitecture, definePlugin } from "../../src/plugins/define.js";
import { conformanceChecks, ConformanceError } from "../../src/testing/index.js";

/**
 * The conformance kit must catch a broken architecture. "greedy" places every task on the
 * machine with the most free CPU without checking that it fits, and claims it anyway: on the
 * busy cell it soon over-commits a machine.
 */
class Greedy implements Architecture {
  readonly schedulers = [{ name: "greedy", workloads: ["batch", "service"] as ("batch" | "service")[] }];
  private readonly queue: JobState[] = [];
  private busy = false;

  constructor(private readonly host: ArchitectureHost) {}

  submit(job: JobState): void {
    this.queue.push(job);
    this.next();
  }

  tasksEnded(): void {}

  handle(event: { kind: number; a: number }): void {
    if (event.kind === EventKind.SchedulerDone) this.decide(this.host.jobs[event.a] as JobState);
    else if (event.kind === EventKind.JobRetry) this.submit(this.host.jobs[event.a] as JobState);
  }

  private next(): void {
    const job = this.queue.shift();
    if (this.busy || !job) return;
    this.busy = true;
    beginAttempt(this.host, job, 0);
    this.host.schedule(this.host.now + 100_000, EventKind.SchedulerDone, job.index);
  }

  private decide(job: JobState): void {
    const { cell } = this.host;
    let best = 0;
    for (let m = 1; m < cell.machines; m++) if (cell.freeCpus(m) > cell.freeCpus(best)) best = m;
    const machines = Array.from({ length: job.unscheduledTasks }, () => best);
    // The bug: claims without checking fit.
    for (const m of machines) cell.claim(m, job.spec.cpusPerTask, job.spec.memGbPerTask);
    finishAttempt(this.host, job, {
      scheduler: 0,
      startUs: this.host.now,
      claimed: machines.length,
      committed: machines,
      conflicted: 0,
    });
    this.busy = false;
    this.next();
  }
}

const greedy = definePlugin({
  architectures: [
    defineArchitecture({
      name: "greedy",
      description: "broken on purpose: claims without checking fit",
      schema: z.strictObject({ decisionTime: z.unknown().optional() }),
      create: (_spec, host) => new Greedy(host),
    }),
  ],
});

describe("conformance kit", () => {
  it("fails an architecture that over-commits, naming it, the check and the machine", async () => {
    const checks = conformanceChecks({
      name: "greedy",
      plugins: [greedy],
      architecture: (decisionTime) => ({ type: "greedy", decisionTime }),
    });
    const overcommit = checks.find((c) => c.test === "never-overcommits")!;
    const error = await overcommit.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toMatch(
      /^greedy: never-overcommits: invariant violated at t=\d+ µs: machine \d+/,
    );
  });

  it("requires a known check name and a reason to skip", () => {
    const base = { name: "x", architecture: () => ({ type: "monolithic" }) };
    expect(() => conformanceChecks({ ...base, skip: [{ test: "wait-one-job", reason: " " }] })).toThrow(
      /reason is required/,
    );
    expect(() =>
      conformanceChecks({ ...base, skip: [{ test: "nope" as "wait-one-job", reason: "r" }] }),
    ).toThrow(/unknown check "nope"/);
    const skipped = conformanceChecks({
      ...base,
      skip: [{ test: "wait-censored", reason: "no decision times" }],
    });
    expect(skipped.find((c) => c.test === "wait-censored")?.skipped).toBe("no decision times");
  });
});
