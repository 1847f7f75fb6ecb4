import { truncatedSvd } from "./svd.js";

/**
 * Collaborative filtering as in Quasar (after Paragon): a matrix of previously seen workloads
 * (rows) × configurations (columns) is decomposed by SVD, the factors are refined by stochastic
 * gradient descent ("PQ reconstruction"), and a new workload — a sparse row with a couple of
 * profiled entries — is completed from them. Model: value ≈ colMean_j + rowBias_i + p_i · q_j.
 *
 * The new row is folded in: SGD fits its bias and p with the column factors q fixed. With tens of
 * dense training rows one sparse row barely moves q, so this is the usual cheap approximation of
 * re-running SGD on the whole matrix. p is ridge-regularized per component in proportion to how
 * little that component varies in the training rows (λ₀ · rows / σ_k²), so two entries mostly
 * pin the dominant direction rather than chase small ones.
 */
export interface CompletionOptions {
  readonly rank: number;
  readonly ridge: number;
  readonly learningRate: number;
  readonly trainEpochs: number;
  readonly foldInEpochs: number;
  /** Fit a per-row bias (speedup rows in log space: the job's absolute level). */
  readonly rowBias: boolean;
}

export const DEFAULT_COMPLETION: CompletionOptions = {
  rank: 3,
  ridge: 2e-3,
  learningRate: 0.02,
  trainEpochs: 30,
  foldInEpochs: 400,
  rowBias: true,
};

/** One observed entry of a sparse row. */
export interface Observation {
  readonly col: number;
  readonly value: number;
}

/** A trained low-rank model of one classification axis. */
export class LowRankModel {
  private constructor(
    readonly cols: number,
    private readonly colMean: Float64Array,
    /** q_j per column: q[j * rank + k]. */
    private readonly q: Float64Array,
    private readonly ridgePerComponent: Float64Array,
    private readonly opts: CompletionOptions,
  ) {}

  /** SVD of the double-centered dense training rows, then SGD refinement of both factors. */
  static fit(rows: readonly Float64Array[], opts: CompletionOptions = DEFAULT_COMPLETION): LowRankModel {
    const n = rows.length;
    const cols = rows[0]!.length;
    const colMean = new Float64Array(cols);
    for (const row of rows) for (let j = 0; j < cols; j++) colMean[j]! += row[j]! / n;
    const x = new Float64Array(n * cols);
    rows.forEach((row, i) => {
      let bias = 0;
      if (opts.rowBias) for (let j = 0; j < cols; j++) bias += (row[j]! - colMean[j]!) / cols;
      for (let j = 0; j < cols; j++) x[i * cols + j] = row[j]! - colMean[j]! - bias;
    });
    const full = truncatedSvd(x, n, cols, Math.min(opts.rank, cols - 1));
    // Keep only components the training rows actually vary along (a matrix of 4 machine types has
    // at most 2 after double-centering); a zero singular value would make its ridge infinite.
    const rank = full.singular.filter((s) => s > 1e-3 * full.singular[0]!).length;
    const svd = {
      singular: full.singular.slice(0, rank),
      v: full.v.slice(0, rank),
      us: full.us.map((u) => u.slice(0, rank)),
    };
    const q = new Float64Array(cols * rank);
    svd.v.forEach((vk, k) => vk.forEach((val, j) => (q[j * rank + k] = val)));
    const p = svd.us.map((u) => Float64Array.from(u));
    refine(x, n, cols, rank, p, q, opts);
    // Capped so a fold-in SGD step never overshoots (lr × ridge < 1).
    const maxRidge = 0.5 / (opts.learningRate * 10);
    const ridge = Float64Array.from(svd.singular, (s) =>
      Math.min(maxRidge, (opts.ridge * n) / Math.max(s * s, 1e-12)),
    );
    return new LowRankModel(cols, colMean, q, ridge, opts);
  }

  /** Completes a sparse row from its observed entries (at least one). */
  complete(observed: readonly Observation[]): Float64Array {
    const rank = this.ridgePerComponent.length;
    const p = new Float64Array(rank);
    let bias = 0;
    const fitBias = this.opts.rowBias;
    if (fitBias) for (const o of observed) bias += (o.value - this.colMean[o.col]!) / observed.length;
    const lr = this.opts.learningRate * 10;
    for (let epoch = 0; epoch < this.opts.foldInEpochs; epoch++) {
      for (const o of observed) {
        const e = o.value - this.predictOne(o.col, bias, p);
        if (fitBias) bias += lr * e;
        for (let k = 0; k < rank; k++) {
          const qk = this.q[o.col * rank + k]!;
          p[k]! += lr * (e * qk - this.ridgePerComponent[k]! * p[k]!);
        }
      }
    }
    return Float64Array.from({ length: this.cols }, (_, j) => this.predictOne(j, bias, p));
  }

  private predictOne(col: number, bias: number, p: Float64Array): number {
    const rank = p.length;
    let v = this.colMean[col]! + bias;
    for (let k = 0; k < rank; k++) v += p[k]! * this.q[col * rank + k]!;
    return v;
  }
}

/** SGD over every entry of the dense centered matrix (row-major order: deterministic). */
function refine(
  x: Float64Array,
  n: number,
  cols: number,
  rank: number,
  p: Float64Array[],
  q: Float64Array,
  opts: CompletionOptions,
): void {
  const lambda = opts.ridge;
  for (let epoch = 0; epoch < opts.trainEpochs; epoch++) {
    for (let i = 0; i < n; i++) {
      const pi = p[i]!;
      for (let j = 0; j < cols; j++) {
        let pred = 0;
        for (let k = 0; k < rank; k++) pred += pi[k]! * q[j * rank + k]!;
        const e = x[i * cols + j]! - pred;
        for (let k = 0; k < rank; k++) {
          const pik = pi[k]!;
          const qjk = q[j * rank + k]!;
          pi[k] = pik + opts.learningRate * (e * qjk - lambda * pik);
          q[j * rank + k] = qjk + opts.learningRate * (e * pik - lambda * qjk);
        }
      }
    }
  }
}
