import type { RandomStream } from "../engine/rng.js";
import type { MachineType } from "./machine-types.js";
import type { QuasarScenario } from "./scenario.js";

/** The scenario's machine types, in the order of its `machines` list (the type index). */
export function cellTypes(s: QuasarScenario): MachineType[] {
  return s.machines.map((m) => m.type);
}

/** Index of the reference type among `cellTypes(s)`. */
export function referenceTypeIndex(s: QuasarScenario): number {
  const i = s.machines.findIndex((m) => m.type.name === s.referenceType);
  if (i < 0) throw new Error(`reference type "${s.referenceType}" is not in scenario ${s.name}`);
  return i;
}

/**
 * Type index of every machine. Machines are shuffled (seeded) so that index order — the last
 * tie-break of every placement rule — says nothing about type: a type-blind policy must not get
 * type-awareness for free from how the cell was written down.
 */
export function machineLayout(s: QuasarScenario, rng: RandomStream): Int32Array {
  const types: number[] = [];
  s.machines.forEach((m, typeIdx) => {
    for (let k = 0; k < m.count; k++) types.push(typeIdx);
  });
  for (let i = types.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [types[i], types[j]] = [types[j] as number, types[i] as number];
  }
  return Int32Array.from(types);
}
