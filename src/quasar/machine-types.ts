/**
 * Heterogeneous machine types for the Quasar study. The paper's large-scale experiment runs on
 * "200 EC2 servers of 14 types"; it does not list a per-type spec sheet, so the 14 types below are
 * 2013-era EC2 instance families [our choice] with their published vCPU and memory sizes. `speed` is
 * single-thread performance relative to the fastest type, from EC2 compute units per vCPU
 * (m1: 1, c1: 2.5, m2/m3: 3.25, cc1: 2.1, cc2: 2.75, hi1: 2.2 — divided by 3.25). The shared-resource
 * capacities (last-level cache, memory bandwidth, network) scale how much co-runner pressure a
 * machine absorbs [our choice: newer/larger platforms have more cache, bandwidth and 10 GbE].
 */

/** Shared resources that carry interference (a subset of the paper's iBench sources). */
export const SHARED_RESOURCES = ["llc", "memBw", "net"] as const;
export const RESOURCE_COUNT = SHARED_RESOURCES.length;

/** One server type. */
export interface MachineType {
  readonly name: string;
  readonly cores: number;
  readonly memGb: number;
  /** Single-thread speed relative to the fastest type (1.0). */
  readonly speed: number;
  /** Per shared resource: how much pressure the machine absorbs (1 = nominal). */
  readonly capacity: readonly [number, number, number];
}

const t = (name: string, cores: number, memGb: number, ecuPerCore: number, cap: [number, number, number]) =>
  ({ name, cores, memGb, speed: Math.round((ecuPerCore / 3.25) * 100) / 100, capacity: cap }) as const;

/** The 14 EC2-like types, small to large. */
export const EC2_TYPES: readonly MachineType[] = [
  t("m1.small", 1, 1.7, 1, [0.8, 0.8, 0.8]),
  t("m1.medium", 1, 3.75, 2, [0.8, 0.8, 0.8]),
  t("c1.medium", 2, 1.7, 2.5, [0.9, 0.9, 0.9]),
  t("m1.large", 2, 7.5, 2, [0.8, 0.8, 0.8]),
  t("m2.xlarge", 2, 17.1, 3.25, [1.1, 1.2, 1.0]),
  t("m1.xlarge", 4, 15, 2, [0.8, 0.8, 0.8]),
  t("m2.2xlarge", 4, 34.2, 3.25, [1.1, 1.2, 1.0]),
  t("m3.xlarge", 4, 15, 3.25, [1.1, 1.1, 1.0]),
  t("c1.xlarge", 8, 7, 2.5, [0.9, 0.9, 0.9]),
  t("m2.4xlarge", 8, 68.4, 3.25, [1.1, 1.2, 1.0]),
  t("m3.2xlarge", 8, 30, 3.25, [1.1, 1.1, 1.0]),
  t("cc1.4xlarge", 16, 23, 2.1, [1.2, 1.2, 1.3]),
  t("cc2.8xlarge", 16, 60.5, 2.75, [1.3, 1.3, 1.3]),
  t("hi1.4xlarge", 16, 60.5, 2.2, [1.0, 1.0, 1.3]),
];

/** A type and how many machines of it a cell has. */
export interface TypeCount {
  readonly type: MachineType;
  readonly count: number;
}

/** Looks types up by name; unknown names fail with the list of valid ones. */
export function typeByName(name: string): MachineType {
  const found = EC2_TYPES.find((x) => x.name === name);
  if (!found)
    throw new Error(
      `unknown machine type "${name}": expected one of ${EC2_TYPES.map((x) => x.name).join("|")}`,
    );
  return found;
}
