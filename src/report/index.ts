/**
 * The report entry point: results folder in, figures and report.html out. Reads results.json
 * and manifest.json, builds the requested figures, renders each to SVG, and writes every file
 * atomically (`<file>.tmp`, then rename) so an interrupted report never leaves a torn file.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../engine/errors.js";
import type { ResultsFile } from "../experiment/results-types.js";
import { BUILTIN_REGISTRY } from "../plugins/builtin.js";
import { loadRegistry } from "../plugins/load.js";
import type { Registry } from "../plugins/registry.js";
import type { FigureEntryInput } from "../plugins/figure-axes.js";
import { buildFigures } from "./figures.js";
import { buildReportHtml } from "./html.js";
import { renderSvg } from "./render.js";
import type { RenderedFigure } from "./types.js";

export { FIGURE_KINDS, buildFigures, figureKind, figureKindNames } from "./figures.js";
export { buildReportHtml } from "./html.js";
export { renderSvg } from "./render.js";
export type { FigureKind, FigureSpec, FigureTable, RenderedFigure, TableCell } from "./types.js";

/** What `writeReport` wrote. */
export interface ReportFiles {
  reportPath: string;
  /** `figures/<name>.svg` and `figures/<name>.vl.json` for every figure, in figure order. */
  figureFiles: string[];
}

/** Builds and renders figures (default: those the experiment asked for, on their recorded axes), in order. */
export async function renderFigures(
  results: ResultsFile,
  names?: readonly FigureEntryInput[],
  registry: Registry = BUILTIN_REGISTRY,
): Promise<RenderedFigure[]> {
  const specs = buildFigures(results, names, (name) => registry.figures.require(name));
  const rendered: RenderedFigure[] = [];
  for (const spec of specs) rendered.push({ ...spec, svg: await renderSvg(spec.vegaLiteSpec) });
  return rendered;
}

/**
 * Writes `figures/*.svg`, `figures/*.vl.json` and `report.html` for the results in `outDir`.
 * Figure kinds come from `opts.registry`, else from the built-ins plus the plug-ins the
 * manifest lists (so `cellsim report` on a folder finds a plug-in's figure kinds). With
 * `opts.interactive`, report.html also inlines vega and draws the charts interactively.
 */
export async function writeReport(
  outDir: string,
  opts?: { figures?: string[]; registry?: Registry; interactive?: boolean },
): Promise<ReportFiles> {
  const results = (await readJson(join(outDir, "results.json"))) as ResultsFile;
  checkResults(results, join(outDir, "results.json"));
  const manifest = await readJson(join(outDir, "manifest.json"));
  const registry = opts?.registry ?? (await manifestRegistry(manifest));
  const figures = await renderFigures(results, opts?.figures, registry);
  const figuresDir = join(outDir, "figures");
  await mkdir(figuresDir, { recursive: true });
  const figureFiles: string[] = [];
  for (const figure of figures) {
    const svgPath = join(figuresDir, `${figure.name}.svg`);
    const specPath = join(figuresDir, `${figure.name}.vl.json`);
    await writeAtomic(svgPath, figure.svg);
    await writeAtomic(specPath, `${JSON.stringify(figure.vegaLiteSpec, null, 2)}\n`);
    figureFiles.push(svgPath, specPath);
  }
  const reportPath = join(outDir, "report.html");
  await writeAtomic(
    reportPath,
    buildReportHtml({ results, manifest, figures, interactive: opts?.interactive ?? false }),
  );
  return { reportPath, figureFiles };
}

/** Built-ins plus the plug-ins a manifest lists (`plugins[].path`). */
async function manifestRegistry(manifest: unknown): Promise<Registry> {
  const listed = (manifest as { plugins?: { path?: unknown }[] } | null)?.plugins;
  const paths = Array.isArray(listed) ? listed.map((p) => p.path).filter((p) => typeof p === "string") : [];
  return paths.length === 0 ? BUILTIN_REGISTRY : (await loadRegistry(paths)).registry;
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === "ENOENT" ? "file not found" : `cannot read (${code ?? err})`}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`);
  }
}

/** A light shape check, so a wrong file fails with its name rather than deep inside a figure. */
function checkResults(results: ResultsFile, path: string): void {
  const e = (results as Partial<ResultsFile> | null)?.experiment;
  const arrays = [e?.sweepPaths, e?.figures, results?.runs];
  if (!e || typeof e.name !== "string" || !arrays.every(Array.isArray)) {
    throw new InputError(
      `${path}: not a cellsim results file (expected experiment.name, .sweepPaths, .figures and runs)`,
    );
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text, "utf8");
  await rename(tmp, path);
}
export {
  buildWorkloadFigures,
  buildWorkloadReportHtml,
  writeWorkloadReport,
  type InspectedWorkload,
} from "./workload-report.js";
