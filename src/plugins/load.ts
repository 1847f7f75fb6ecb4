import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../engine/errors.js";
import { BUILTIN_ORIGIN, BUILTIN_PLUGIN } from "./builtin.js";
import { PLUGIN_API, type Plugin } from "./define.js";
import { importModule } from "./import-module.js";
import { buildRegistry, type Registry } from "./registry.js";

/**
 * Loading plug-in modules: ES modules named by path in the experiment file (`"plugins"`,
 * relative to the file) or on the command line (`--plugin`, relative to the working folder).
 * Their bytes are hashed (sha256) for the manifest and the resume keys; worker threads import
 * the same absolute paths, so every thread builds the same registry.
 */

/** A plug-in file: its absolute path and the sha256 of its bytes. */
export interface PluginFile {
  path: string;
  sha256: string;
}

/** A loaded plug-in and its file. */
export interface LoadedPlugin extends PluginFile {
  plugin: Plugin;
}

/**
 * The default export of a module, if it has one. A module compiled to CommonJS (e.g. TypeScript
 * run by a loader in a `"type": "commonjs"` folder) arrives as `{default: {default: plugin}}`:
 * the inner one is taken then.
 */
function defaultExport(mod: unknown): unknown {
  const outer = typeof mod === "object" && mod !== null && "default" in mod ? mod.default : undefined;
  if (isPlugin(outer)) return outer;
  return typeof outer === "object" && outer !== null && "default" in outer ? outer.default : outer;
}

/** True for what `definePlugin` returns (checked field by field: it comes from a user's file). */
function isPlugin(value: unknown): value is Plugin {
  return (
    typeof value === "object" &&
    value !== null &&
    "api" in value &&
    value.api === PLUGIN_API &&
    "architectures" in value &&
    Array.isArray(value.architectures) &&
    "placements" in value &&
    Array.isArray(value.placements) &&
    "workloads" in value &&
    Array.isArray(value.workloads) &&
    "figures" in value &&
    Array.isArray(value.figures)
  );
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return "code" in e && typeof e.code === "string" ? e.code : e.message;
  return String(e);
}

/** Imports one plug-in module by absolute path; `label` names it in errors (as written). */
export async function loadPlugin(file: string, label = file): Promise<LoadedPlugin> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new InputError(`${label}: cannot read the plug-in (${messageOf(e)})`);
  }
  let plugin: unknown;
  try {
    plugin = defaultExport(await importModule(pathToFileURL(file).href));
  } catch (e) {
    const hint = file.endsWith(".ts")
      ? " (TypeScript plug-ins: compile them with tsc, or run cellsim under `node --import tsx`: docs/extending.md)"
      : "";
    const message = e instanceof Error ? e.message : String(e);
    throw new InputError(`${label}: the plug-in failed to load: ${message}${hint}`);
  }
  if (!isPlugin(plugin)) {
    throw new InputError(`${label}: the default export is not a plug-in; export default definePlugin({...})`);
  }
  return { path: file, sha256: createHash("sha256").update(bytes).digest("hex"), plugin };
}

/**
 * Loads plug-ins (absolute paths; duplicates loaded once, first occurrence kept) and builds the
 * registry of built-ins plus them. A name defined twice is an InputError naming both files.
 */
export async function loadRegistry(
  files: readonly string[],
): Promise<{ registry: Registry; plugins: LoadedPlugin[] }> {
  const unique = [...new Set(files.map((f) => path.resolve(f)))];
  const plugins: LoadedPlugin[] = [];
  for (const file of unique) plugins.push(await loadPlugin(file));
  const registry = buildRegistry([
    { plugin: BUILTIN_PLUGIN, origin: BUILTIN_ORIGIN },
    ...plugins.map((p) => ({ plugin: p.plugin, origin: p.path })),
  ]);
  return { registry, plugins };
}

/** Registry of built-ins plus already-imported plug-ins (the in-process API: `simulate`). */
export function registryOf(plugins: readonly Plugin[]): Registry {
  return buildRegistry([
    { plugin: BUILTIN_PLUGIN, origin: BUILTIN_ORIGIN },
    ...plugins.map((plugin, i) => ({ plugin, origin: `plug-in ${plugin.name ?? `#${i + 1}`}` })),
  ]);
}
