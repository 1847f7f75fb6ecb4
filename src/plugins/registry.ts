import { InputError } from "../engine/errors.js";
import type {
  AllocationEntry,
  ArchitectureEntry,
  FigureEntry,
  PlacementEntry,
  Plugin,
  WorkloadSourceEntry,
} from "./define.js";

/**
 * The registry of one experiment: cellsim's built-ins plus that experiment's plug-ins, built as a
 * value and passed down to plans, runs, workers and reports. Nothing is registered globally, so
 * two experiments in one process never see each other's plug-ins.
 */

/** Where an entry came from: `built-in` or the plug-in's file. */
export type Origin = string;

/** One axis of the registry: entries by name, each with its origin. */
export interface RegistryAxis<E extends { readonly name: string }> {
  /** Names in registration order (built-ins first). */
  readonly names: readonly string[];
  /** The entry, or undefined. */
  get(name: string): E | undefined;
  /** The entry, or an InputError listing the valid names. */
  require(name: string): E;
  /** `built-in` or the plug-in file that defined the name. */
  origin(name: string): Origin | undefined;
}

/** Everything an experiment can name. */
export interface Registry {
  readonly architectures: RegistryAxis<ArchitectureEntry>;
  readonly placements: RegistryAxis<PlacementEntry>;
  readonly allocations: RegistryAxis<AllocationEntry>;
  readonly workloads: RegistryAxis<WorkloadSourceEntry>;
  readonly figures: RegistryAxis<FigureEntry>;
}

/** A plug-in and where it came from (a file path, or `built-in`). */
export interface PluginSource {
  plugin: Plugin;
  origin: Origin;
}

function axis<E extends { readonly name: string }>(
  what: string,
  sources: readonly { entries: readonly E[]; origin: Origin }[],
): RegistryAxis<E> {
  const byName = new Map<string, { entry: E; origin: Origin }>();
  for (const { entries, origin } of sources) {
    for (const entry of entries) {
      const clash = byName.get(entry.name);
      if (clash) {
        throw new InputError(
          `${what} "${entry.name}" is defined twice: by ${clash.origin} and by ${origin}; rename one`,
        );
      }
      byName.set(entry.name, { entry, origin });
    }
  }
  const names = [...byName.keys()];
  return {
    names,
    get: (name) => byName.get(name)?.entry,
    require: (name) => {
      const found = byName.get(name);
      if (!found) throw new InputError(`unknown ${what} "${name}"; valid: ${names.join(", ")}`);
      return found.entry;
    },
    origin: (name) => byName.get(name)?.origin,
  };
}

/** Builds a registry from plug-ins in order (the built-in plug-in first); a name clash is an error naming both origins. */
export function buildRegistry(sources: readonly PluginSource[]): Registry {
  const of = <E>(pick: (p: Plugin) => readonly E[]) =>
    sources.map((s) => ({ entries: pick(s.plugin), origin: s.origin }));
  return {
    architectures: axis(
      "architecture",
      of((p) => p.architectures),
    ),
    placements: axis(
      "placement policy",
      of((p) => p.placements),
    ),
    allocations: axis(
      "allocation policy",
      of((p) => p.allocations),
    ),
    workloads: axis(
      "workload source",
      of((p) => p.workloads),
    ),
    figures: axis(
      "figure kind",
      of((p) => p.figures),
    ),
  };
}
