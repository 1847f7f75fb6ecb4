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
