import type { ArchitectureBlock, RunConfig } from "../experiment/config.js";
import type { NamedBlock } from "../experiment/block-schema.js";
import type { Plugin } from "../plugins/define.js";
import type { DecisionTimesInput } from "./busy-cell.js";

/** What the architecture conformance suite checks, and of what: the subject and its failures. */

/** The suite's checks, by name (use these names to skip one, with a reason). */
export const CONFORMANCE_TESTS = [
  "never-overcommits",
  "accounts-for-every-job",
  "deterministic",
  "common-random-numbers",
  "busy-time-adds-up",
  "utilization-in-bounds",
  "every-dimension",
  "gpus",
  "preempts-safely",
  "wait-one-job",
  "wait-service-job",
  "wait-censored",
  "failures-no-placement-on-down-machines",
  "failures-tasks-lost-at-failure-time",
  "failures-accounts-for-every-job",
  "failures-deterministic",
  "scheduler-failover",
  "frameworks-safe",
  "frameworks-routed",
] as const;

/** The name of one conformance check. */
export type ConformanceTestName = (typeof CONFORMANCE_TESTS)[number];

/** An architecture under test. */
export interface ConformanceSubject {
  /** Label in test names and messages. */
  name: string;
  /**
   * The `architecture` block as an experiment file writes it. The suite passes the decision
   * times its scenarios assume (ignore them if your architecture has none, and skip the wait
   * checks that depend on them).
   */
  architecture(decisionTime: DecisionTimesInput): ArchitectureBlock;
  /** Plug-ins the architecture (or its placement) comes from; none for built-ins. */
  plugins?: readonly Plugin[];
  /**
   * The runs' placement policy (default `random-first-fit`): name a plug-in's policy to run the
   * suite on a built-in architecture with it.
   */
  placement?: string;
  /**
   * The `allocation` block (default: none, i.e. `reservation`). With one, the busy runs use the
   * performance cell instead of the synthetic busy cell: a quarter of the Quasar study's
   * heterogeneous cell with its jobs, which carry performance models (see `performanceCellConfig`).
   */
  allocation?: NamedBlock;
  /** Scheduler names the summary must list, in order (not checked if omitted). */
  schedulers?: readonly string[];
  /** Offers lock resources, as in two-level (then locked CPU must be > 0 on the busy cell). */
  locksResources?: boolean;
  /** Commits may conflict (optimistic concurrency); otherwise no transaction may conflict. */
  mayConflict?: boolean;
  /**
   * The architecture preempts under `scheduling.preemption` (monolithic and shared state do):
   * run the preemption check. Architectures that decline preemption leave it out.
   */
  preempts?: boolean;
  /** Time from a job's arrival on an idle cell to its first attempt, s (two-level: 1.001). */
  firstAttemptDelaySec?: number;
  /** Checks not to run, each with the reason (required). */
  skip?: readonly { test: ConformanceTestName; reason: string }[];
}

/** A conformance check failed: the message says which architecture, which check and why. */
export class ConformanceError extends Error {
  override readonly name = "ConformanceError";
}

/** One check of the suite. */
export interface ConformanceCheck {
  test: ConformanceTestName;
  title: string;
  /** Why it is skipped (from `subject.skip`), or undefined. */
  skipped?: string;
  /** Runs the check; throws a `ConformanceError` if it fails. */
  run(): Promise<void>;
}

/** Throws the ConformanceError of `test` for `subject`. */
export function fail(subject: ConformanceSubject, test: ConformanceTestName, message: string): never {
  throw new ConformanceError(`${subject.name}: ${test}: ${message}`);
}

/** Equal within a relative `tolerance` (absolute below 1). */
export function close(a: number, b: number, tolerance = 1e-6): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The config with the subject's placement policy, if it names one. */
export function withPlacement(subject: ConformanceSubject, config: RunConfig): RunConfig {
  return subject.placement === undefined ? config : { ...config, placement: subject.placement };
}
