/** Every value under `key` anywhere in a vega-lite spec (specs nest layers, facets and concats). */
export function findAll(node: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => findAll(n, key, out));
  else if (typeof node === "object" && node !== null) {
    const record = node as Record<string, unknown>;
    if (key in record) out.push(record[key]);
    Object.values(record).forEach((v) => findAll(v, key, out));
  }
  return out;
}
