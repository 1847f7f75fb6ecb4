import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../engine/errors.js";
import { BUILTIN_ORIGIN, BUILTIN_PLUGIN } from "./builtin.js";
import { PLUGIN_API, type Plugin } from "./define.js";
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

function isPlugin(value: unknown): value is Plugin {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const lists = ["architectures", "placements", "workloads", "figures"];
  return v.api === PLUGIN_API && lists.every((k) => Array.isArray(v[k]));
}

/** Imports one plug-in module by absolute path; `label` names it in errors (as written). */
export async function loadPlugin(file: string, label = file): Promise<LoadedPlugin> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new InputError(`${label}: cannot read the plug-in (${code})`);
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    const err = e as Error;
    const hint = file.endsWith(".ts")
      ? " (TypeScript plug-ins must be compiled to .js first, or run Node with a TS loader: docs/extending.md)"
      : "";
    throw new InputError(`${label}: the plug-in failed to load: ${err.message}${hint}`);
  }
  if (!isPlugin(mod.default)) {
    throw new InputError(`${label}: the default export is not a plug-in; export default definePlugin({...})`);
  }
  return { path: file, sha256: createHash("sha256").update(bytes).digest("hex"), plugin: mod.default };
}

/**
 * Loads plug-ins (absolute paths; duplicates loaded once, first occurrence kept) and builds the
 * registry of built-ins plus them. A name defined twice is an InputError naming both files.
 */
export async function loadRegistry(files: readonly string[]): Promise<{ registry: Registry; plugins: LoadedPlugin[] }> {
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
