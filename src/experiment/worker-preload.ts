import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The parent's `--import` preloads, run again inside a worker thread. Node 20 passes `--import`
 * on to workers in `execArgv` but does not run it there, so a TypeScript loader such as tsx
 * (`node --import tsx …`) would register in the main thread only and a `.ts` plug-in would fail
 * to load in the workers. Each preload is imported again here; tsx's own entry does not
 * register its hooks when imported inside a worker, so for tsx its API's `register()` is
 * called instead (cellsim bundles no TypeScript runtime: this uses the user's tsx).
 */

/** Specifiers given with `--import X` or `--import=X`, in order. */
export function importFlags(execArgv: readonly string[]): string[] {
  const specs: string[] = [];
  execArgv.forEach((arg, i) => {
    if (arg === "--import" && execArgv[i + 1] !== undefined) specs.push(execArgv[i + 1] as string);
    else if (arg.startsWith("--import=")) specs.push(arg.slice("--import=".length));
  });
  return specs;
}

/** A preload specifier as Node resolves it for `--import`: from the working folder. */
function resolveFromCwd(spec: string): string {
  if (/^[a-z]+:/i.test(spec)) return spec;
  if (spec.startsWith(".") || path.isAbsolute(spec)) return pathToFileURL(path.resolve(spec)).href;
  try {
    return pathToFileURL(createRequire(path.join(process.cwd(), "noop.js")).resolve(spec)).href;
  } catch {
    return spec; // Let import() report what it cannot find.
  }
}

/** True for the specifiers of tsx's loader (`tsx`, `tsx/esm`). */
function isTsx(spec: string): boolean {
  return spec === "tsx" || spec === "tsx/esm";
}

/**
 * The ESM entry of `tsx/esm/api` in the tsx the working folder sees. Resolved by hand from tsx's
 * package.json: `require.resolve` would pick the CommonJS build, whose register() fails here.
 */
function tsxEsmApi(): string {
  let dir = path.dirname(createRequire(path.join(process.cwd(), "noop.js")).resolve("tsx"));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    exports?: Record<string, { import?: string | { default?: string } }>;
  };
  const entry = pkg.exports?.["./esm/api"]?.import;
  const file = typeof entry === "string" ? entry : entry?.default;
  if (file === undefined) throw new Error(`${dir}: tsx has no ESM entry for tsx/esm/api`);
  return pathToFileURL(path.join(dir, file)).href;
}

/** Registers tsx's hooks in this thread through its documented API. */
async function registerTsx(): Promise<void> {
  const api: unknown = await import(tsxEsmApi());
  const register =
    typeof api === "object" && api !== null && "register" in api && typeof api.register === "function"
      ? api.register
      : undefined;
  if (!register) throw new Error("tsx/esm/api does not export register()");
  register();
}

/** Imports every `--import` module of `execArgv` (default: this thread's). */
export async function runPreloads(execArgv: readonly string[] = process.execArgv): Promise<void> {
  for (const spec of importFlags(execArgv)) {
    if (isTsx(spec)) await registerTsx();
    else await import(resolveFromCwd(spec));
  }
}
