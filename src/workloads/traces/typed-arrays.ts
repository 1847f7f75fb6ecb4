/** Copies of typed arrays grown to `n` elements (the new tail zeroed, or `fill`). */

export function grownF64(a: Float64Array, n: number, fill = 0): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
export function grownI32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
export function grownI8(a: Int8Array, n: number): Int8Array {
  const b = new Int8Array(n);
  b.set(a);
  return b;
}
export function grownI16(a: Int16Array, n: number): Int16Array {
  const b = new Int16Array(n);
  b.set(a);
  return b;
}
export function grownU8(a: Uint8Array, n: number): Uint8Array {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
