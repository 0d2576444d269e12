/**
 * Gaussian-process regression in one dimension (Rasmussen & Williams 2006,
 * algorithm 2.1), as IAMhaggler2011/2012 use it to predict an opponent's
 * future concession (Williams, Robu, Gerding & Jennings, "Using Gaussian
 * processes to optimise concession in complex negotiations against unknown
 * opponents", IJCAI 2011). Kernel: Matérn 3/2 plus observation noise; the
 * mean function is the data's least-squares line (`linearMean`, default) or
 * its mean, so that a trend is extrapolated rather than decaying to the mean
 * away from the data (our choice). The length scale is chosen from a
 * small grid by the marginal likelihood (the paper fits hyperparameters by
 * maximum likelihood; the grid is our choice, so that a fit costs a fixed,
 * small amount of work).
 */
export interface GpPrediction {
  readonly mean: number;
  /** Predictive standard deviation (noise excluded). */
  readonly sd: number;
}

export interface GpOptions {
  /** Candidate length scales (in the units of x). */
  readonly lengthScales?: readonly number[];
  /** Signal standard deviation. */
  readonly signal?: number;
  /** Observation noise standard deviation. */
  readonly noise?: number;
  /** Mean function: the data's least-squares line (true, default) or its mean. */
  readonly linearMean?: boolean;
}

export class GaussianProcess {
  private xs: Float64Array = new Float64Array(0);
  private alpha: Float64Array = new Float64Array(0);
  private L: Float64Array = new Float64Array(0);
  private n = 0;
  private mean0 = 0;
  private slope = 0;
  private readonly linearMean: boolean;
  /** The length scale chosen by the last fit. */
  lengthScale: number;
  private readonly signal: number;
  private readonly noise: number;
  private readonly scales: readonly number[];

  constructor(options: GpOptions = {}) {
    this.scales = options.lengthScales ?? [0.05, 0.1, 0.2, 0.4];
    this.signal = options.signal ?? 0.2;
    this.noise = options.noise ?? 0.03;
    this.linearMean = options.linearMean ?? true;
    this.lengthScale = this.scales[0]!;
  }

  private k(a: number, b: number, l: number): number {
    const r = (Math.sqrt(3) * Math.abs(a - b)) / l;
    return this.signal * this.signal * (1 + r) * Math.exp(-r);
  }

  /** Fits the process to the points (x, y); returns this. */
  fit(x: readonly number[], y: readonly number[]): this {
    const n = Math.min(x.length, y.length);
    this.n = n;
    this.xs = Float64Array.from(x.slice(0, n));
    const [c0, c1] = this.linearMean && n >= 2 ? fitPolynomial(x.slice(0, n), y.slice(0, n), 1) : [n ? y.slice(0, n).reduce((s, v) => s + v, 0) / n : 0, 0];
    this.mean0 = c0 ?? 0;
    this.slope = c1 ?? 0;
    const yc = Float64Array.from(y.slice(0, n), (v, i) => v - this.mean0 - this.slope * this.xs[i]!);
    let best = -Infinity;
    for (const l of this.scales) {
      const fit = this.factor(l, yc);
      if (!fit) continue;
      if (fit.logLik > best) {
        best = fit.logLik;
        this.lengthScale = l;
        this.L = fit.L;
        this.alpha = fit.alpha;
      }
    }
    return this;
  }

  private factor(l: number, yc: Float64Array): { L: Float64Array; alpha: Float64Array; logLik: number } | undefined {
    const n = this.n;
    const L = new Float64Array(n * n);
    const s2 = this.noise * this.noise;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = this.k(this.xs[i]!, this.xs[j]!, l) + (i === j ? s2 : 0);
        for (let k = 0; k < j; k++) sum -= L[i * n + k]! * L[j * n + k]!;
        if (i === j) {
          if (!(sum > 0)) return undefined;
          L[i * n + i] = Math.sqrt(sum);
        } else L[i * n + j] = sum / L[j * n + j]!;
      }
    }
    const alpha = solveCholesky(L, n, yc);
    let logLik = 0;
    for (let i = 0; i < n; i++) logLik -= 0.5 * yc[i]! * alpha[i]! + Math.log(L[i * n + i]!);
    return { L, alpha, logLik };
  }

  /** Prediction at x (the prior mean and signal when there is no data). */
  predict(x: number): GpPrediction {
    const n = this.n;
    if (n === 0) return { mean: this.mean0, sd: this.signal };
    const l = this.lengthScale;
    const ks = new Float64Array(n);
    let mean = this.mean0 + this.slope * x;
    for (let i = 0; i < n; i++) {
      ks[i] = this.k(x, this.xs[i]!, l);
      mean += ks[i]! * this.alpha[i]!;
    }
    // v = L⁻¹ k*
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = ks[i]!;
      for (let k = 0; k < i; k++) s -= this.L[i * n + k]! * v[k]!;
      v[i] = s / this.L[i * n + i]!;
    }
    let varf = this.k(x, x, l);
    for (let i = 0; i < n; i++) varf -= v[i]! * v[i]!;
    return { mean, sd: Math.sqrt(Math.max(0, varf)) };
  }
}

/** Solves (L Lᵀ) a = y for a lower-triangular L (row-major n×n). */
function solveCholesky(L: Float64Array, n: number, y: Float64Array): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = y[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * z[k]!;
    z[i] = s / L[i * n + i]!;
  }
  const a = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * a[k]!;
    a[i] = s / L[i * n + i]!;
  }
  return a;
}

/**
 * An opponent's concession over time in my utility: the best utility (for
 * me) of its offers in each of `slots` equal time slots. IAMhaggler2011 fits
 * a Gaussian process to these maxima.
 */
export class ConcessionTracker {
  readonly maxima: Float64Array;
  private readonly seen: Uint8Array;
  constructor(readonly slots = 36) {
    this.maxima = new Float64Array(slots);
    this.seen = new Uint8Array(slots);
  }
  slotOf(t: number): number {
    return Math.min(this.slots - 1, Math.max(0, Math.floor(t * this.slots)));
  }
  add(t: number, u: number): void {
    const s = this.slotOf(t);
    if (!this.seen[s] || u > this.maxima[s]!) this.maxima[s] = u;
    this.seen[s] = 1;
  }
  /** Slot mid-times and maxima of the slots that hold an offer, up to (excluding) the slot of `before`. */
  series(before = 1.01): { x: number[]; y: number[] } {
    const x: number[] = [];
    const y: number[] = [];
    const last = before > 1 ? this.slots : this.slotOf(before);
    for (let s = 0; s < last; s++) {
      if (!this.seen[s]) continue;
      x.push((s + 0.5) / this.slots);
      y.push(this.maxima[s]!);
    }
    return { x, y };
  }
}

/** Least-squares polynomial fit of degree d (normal equations; d ≤ 3 is well conditioned on [0, 1]); returns coefficients c₀…c_d. */
export function fitPolynomial(x: readonly number[], y: readonly number[], degree: number): number[] {
  const d = Math.max(0, Math.min(degree, x.length - 1));
  const m = d + 1;
  const A = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (let k = 0; k < x.length; k++) {
    const p = new Float64Array(m);
    p[0] = 1;
    for (let j = 1; j < m; j++) p[j] = p[j - 1]! * x[k]!;
    for (let i = 0; i < m; i++) {
      b[i]! += p[i]! * y[k]!;
      for (let j = 0; j < m; j++) A[i * m + j]! += p[i]! * p[j]!;
    }
  }
  // Gaussian elimination with partial pivoting.
  const c = Array.from(b);
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(A[r * m + col]!) > Math.abs(A[piv * m + col]!)) piv = r;
    if (Math.abs(A[piv * m + col]!) < 1e-14) continue;
    if (piv !== col) {
      for (let j = 0; j < m; j++) [A[col * m + j], A[piv * m + j]] = [A[piv * m + j]!, A[col * m + j]!];
      [c[col], c[piv]] = [c[piv]!, c[col]!];
    }
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = A[r * m + col]! / A[col * m + col]!;
      if (f === 0) continue;
      for (let j = col; j < m; j++) A[r * m + j]! -= f * A[col * m + j]!;
      c[r]! -= f * c[col]!;
    }
  }
  return c.map((v, i) => (Math.abs(A[i * m + i]!) < 1e-14 ? 0 : v / A[i * m + i]!));
}

/** Evaluates a polynomial with coefficients c₀…c_d at x. */
export function evalPolynomial(c: readonly number[], x: number): number {
  let s = 0;
  for (let j = c.length - 1; j >= 0; j--) s = s * x + c[j]!;
  return s;
}
