/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, and from it the
 * right singular vectors of a tall matrix (eigenvectors of XᵀX). The classification matrices have
 * at most a few tens of columns, so an exact O(n³) method per sweep is both simple and fast.
 */

/** Eigenvalues (descending) and unit eigenvectors (`vectors[k]` is the k-th, length n). */
export interface Eigen {
  readonly values: Float64Array;
  readonly vectors: Float64Array[];
}

const MAX_SWEEPS = 100;

/** Jacobi eigen-decomposition of the symmetric n×n matrix `a` (row-major; not modified). */
export function symmetricEigen(a: Float64Array, n: number): Eigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) rotate(m, v, n, p, q);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y * n + y]! - m[x * n + x]! || x - y);
  return {
    values: Float64Array.from(order, (i) => m[i * n + i]!),
    vectors: order.map((k) => Float64Array.from({ length: n }, (_, r) => v[r * n + k]!)),
  };
}

/** One Jacobi rotation zeroing m[p][q]; accumulates the rotation into v's columns. */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = m[p * n + q]!;
  if (Math.abs(apq) < 1e-300) return;
  const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const mkp = m[k * n + p]!;
    const mkq = m[k * n + q]!;
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    const mpk = m[p * n + k]!;
    const mqk = m[q * n + k]!;
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/**
 * Truncated SVD of the dense rows×cols matrix `x` (row-major): the top `rank` singular values and
 * right singular vectors, plus the left factors scaled by the singular values (`x ≈ us · vᵀ`).
 */
export function truncatedSvd(x: Float64Array, rows: number, cols: number, rank: number) {
  const g = new Float64Array(cols * cols);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < cols; a++) {
      const xa = x[i * cols + a]!;
      for (let b = 0; b < cols; b++) g[a * cols + b]! += xa * x[i * cols + b]!;
    }
  }
  const eig = symmetricEigen(g, cols);
  const r = Math.min(rank, cols);
  const singular = Float64Array.from({ length: r }, (_, k) => Math.sqrt(Math.max(0, eig.values[k]!)));
  const v = eig.vectors.slice(0, r);
  const us = Array.from({ length: rows }, (_, i) =>
    Float64Array.from(v, (vk) => {
      let s = 0;
      for (let j = 0; j < cols; j++) s += x[i * cols + j]! * vk[j]!;
      return s;
    }),
  );
  return { singular, v, us };
}
