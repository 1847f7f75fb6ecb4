/**
 * How the Configuration panel shows a config block. Most blocks read well as one line of JSON,
 * but a `frameworks` workload is a list of instances, each with its own nested fields (count
 * distributions, Chronos job graphs): as JSON it is one squeezed blob. It reads instead as one
 * line per instance: its type (and name when it has its own), then its fields as `key value`.
 */
import { formatNumber, jsonText } from "./html-parts.js";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A nested value without JSON punctuation: `exponential(mean 40)` for a one-key object holding an
 * object, `extract: tasks 8, duration 2m` for an object with a name, lists in brackets.
 */
export function plainValue(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const sep = value.some(isObject) ? "; " : ", ";
    return `[${value.map(plainValue).join(sep)}]`;
  }
  if (!isObject(value)) return jsonText(value);
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only !== undefined && isObject(only[1]))
    return `${only[0]}(${pairs(only[1], ", ")})`;
  const { name, ...rest } = value;
  return typeof name === "string" ? `${name}: ${pairs(rest, ", ")}` : `{${pairs(value, ", ")}}`;
}

/** `key value` pairs joined by `sep`. */
function pairs(value: Json, sep: string): string {
  return Object.entries(value)
    .map(([k, v]) => `${k} ${plainValue(v)}`)
    .join(sep);
}

/** One frameworks instance: "hadoop: interArrival 20s · maps exponential(mean 40) · …". */
function instanceLine(instance: unknown): string {
  if (!isObject(instance)) return jsonText(instance);
  const { type, name, ...fields } = instance;
  const head = typeof name === "string" && name !== type ? `${name} (${String(type)})` : String(type);
  return `${head}: ${pairs(fields, " · ")}`;
}

/** A config block as the panel shows it: lines for a frameworks workload, else one line of JSON. */
export function configValueLines(value: unknown): string | string[] {
  if (!isObject(value) || value.source !== "frameworks" || !Array.isArray(value.frameworks))
    return jsonText(value);
  const { source: _source, frameworks, ...rest } = value;
  const others = Object.keys(rest).length > 0 ? ` · ${pairs(rest, " · ")}` : "";
  const head = `frameworks (${frameworks.length} instance${frameworks.length === 1 ? "" : "s"})${others}`;
  return [head, ...frameworks.map(instanceLine)];
}
