import type { JobKind } from "./latent-classes.js";

/**
 * Latency-critical services are scored on throughput *at a latency bound*. Adding cores adds
 * request handlers (capacity), but it does not make one request faster: when a node's
 * per-request speed (type speed × interference factor, relative to the reference machine) drops
 * below LATENCY_SPEED, tail latency breaks the bound and only a fraction
 * (speed / LATENCY_SPEED)^LATENCY_EXPONENT of the node's requests meet it. This known, kind-level
 * rule [our choice of numbers] is why over-reserving cores does not protect a service from a slow
 * or contended machine.
 */
export const LATENCY_SPEED = 0.75;
export const LATENCY_EXPONENT = 3;

/** Fraction of a node's requests served within the latency bound (1 for other kinds). */
export function latencyFactor(kind: JobKind, speed: number): number {
  if (kind !== "service" || speed >= LATENCY_SPEED) return 1;
  return (speed / LATENCY_SPEED) ** LATENCY_EXPONENT;
}

/** A node's value for ranking and planning: its speed times the latency-bound fraction. */
export function nodeFactor(kind: JobKind, speed: number): number {
  return speed * latencyFactor(kind, speed);
}
