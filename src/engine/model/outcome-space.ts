import { issueIndexOf, issueSize, issueValueAt, type Issue, type IssueValue } from './issue.ts';
import type { Rng } from '../util/rng.ts';
import { MAX_RADIX } from './limits.ts';

/** An outcome: for each issue, the index of its value. */
export type Outcome = readonly number[];

/** An outcome written as issue name → value. */
export type OutcomeRecord = Readonly<Record<string, IssueValue>>;

/** Spaces at most this large may be enumerated outcome by outcome. */
export const DEFAULT_ENUMERATION_LIMIT = 2 ** 32;

/**
 * The Cartesian product of the issues' values, indexed in mixed radix: the
 * last issue varies fastest, so index = Σ digitᵢ · Π_{j>i} radixⱼ.
 */
export class OutcomeSpace {
  readonly issues: readonly Issue[];
  readonly radices: Int32Array;
  /** Exact number of outcomes. */
  readonly size: bigint;
  /** Place values (product of the radices after each issue), as numbers; exact while size ≤ 2^53. */
  private readonly strides: Float64Array;
  private readonly bigStrides: bigint[];
  /** `size` as a number when it is at most 2^53 (computed once: BigInt comparisons are slow). */
  private readonly sizeNum: number | undefined;

  constructor(issues: readonly Issue[]) {
    this.issues = issues;
    const n = issues.length;
    this.radices = new Int32Array(n);
    this.strides = new Float64Array(n);
    this.bigStrides = new Array<bigint>(n);
    let size = 1n;
    for (let i = n - 1; i >= 0; i--) {
      const r = issueSize(issues[i]!);
      if (!Number.isInteger(r) || r < 1) throw new RangeError(`issue "${issues[i]!.name}" has no values`);
      // Checked before the Int32Array holds it: a larger radix would wrap around.
      if (r > MAX_RADIX) throw new RangeError(`issue "${issues[i]!.name}" has ${r} values: more than an outcome space can index (${MAX_RADIX}); see docs/limits.md`);
      this.radices[i] = r;
      this.bigStrides[i] = size;
      this.strides[i] = Number(size);
      size *= BigInt(r);
    }
    this.size = size;
    this.sizeNum = size <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(size) : undefined;
  }

  get issueCount(): number {
    return this.issues.length;
  }

  /** The size as a number, or undefined when it is above 2^53. */
  get sizeNumber(): number | undefined {
    return this.sizeNum;
  }

  /** The size as JSON wants it: a number up to 2^53, a decimal string above. */
  get sizeJson(): number | string {
    return this.sizeNumber ?? this.size.toString();
  }

  /** Whether every outcome can be visited one by one (size ≤ limit). */
  isEnumerable(limit: number = DEFAULT_ENUMERATION_LIMIT): boolean {
    if (this.sizeNum !== undefined && limit <= Number.MAX_SAFE_INTEGER) return this.sizeNum <= Math.floor(limit);
    return this.size <= BigInt(Math.floor(limit));
  }

  /** Issue position by name, or -1. */
  issueIndex(name: string): number {
    if (!this.byName) {
      this.byName = new Map();
      for (let i = this.issues.length - 1; i >= 0; i--) this.byName.set(this.issues[i]!.name, i);
    }
    return this.byName.get(name) ?? -1;
  }
  private byName: Map<string, number> | undefined;

  /** The outcome at a mixed-radix index. */
  outcomeAt(index: number | bigint): number[] {
    const n = this.issues.length;
    const out = new Array<number>(n);
    if (typeof index === 'number' && index <= Number.MAX_SAFE_INTEGER) {
      if (!Number.isInteger(index) || index < 0 || index >= (this.sizeNum ?? Number(this.size))) throw new RangeError(`outcome index ${index} out of range`);
      let rest = index;
      for (let i = n - 1; i >= 0; i--) {
        const r = this.radices[i]!;
        out[i] = rest % r;
        rest = Math.floor(rest / r);
      }
      return out;
    }
    let rest = BigInt(index);
    if (rest < 0n || rest >= this.size) throw new RangeError(`outcome index ${rest} out of range`);
    for (let i = n - 1; i >= 0; i--) {
      const r = BigInt(this.radices[i]!);
      out[i] = Number(rest % r);
      rest /= r;
    }
    return out;
  }

  /** The mixed-radix index of an outcome, as a number (spaces up to 2^53). */
  indexOf(outcome: ArrayLike<number>): number {
    let idx = 0;
    for (let i = 0; i < this.issues.length; i++) idx += outcome[i]! * this.strides[i]!;
    return idx;
  }

  /** The mixed-radix index of an outcome, exact at any size. */
  bigIndexOf(outcome: ArrayLike<number>): bigint {
    let idx = 0n;
    for (let i = 0; i < this.issues.length; i++) idx += BigInt(outcome[i]!) * this.bigStrides[i]!;
    return idx;
  }

  /** Whether an array is a valid outcome of this space. */
  contains(outcome: ArrayLike<number>): boolean {
    if (outcome.length !== this.issues.length) return false;
    for (let i = 0; i < outcome.length; i++) {
      const d = outcome[i]!;
      if (!Number.isInteger(d) || d < 0 || d >= this.radices[i]!) return false;
    }
    return true;
  }

  /**
   * Visits outcomes [start, end) in blocks. Each call gets a digit array laid
   * out row by row (outcome j, issue i at j·n + i), the number of outcomes in
   * the block and the index of its first outcome. The array is reused.
   */
  forEachBlock(
    visit: (digits: Int32Array, count: number, start: number) => void,
    options: { blockSize?: number; start?: number; end?: number } = {},
  ): void {
    const total = this.sizeNumber;
    if (total === undefined) throw new RangeError(`the outcome space has ${this.size} outcomes: too many to enumerate`);
    const blockSize = options.blockSize ?? 4096;
    const start = options.start ?? 0;
    const end = Math.min(options.end ?? total, total);
    const n = this.issues.length;
    const digits = new Int32Array(blockSize * Math.max(n, 1));
    const cur = Int32Array.from(start < end ? this.outcomeAt(start) : new Array<number>(n).fill(0));
    const radices = this.radices;
    for (let blockStart = start; blockStart < end; blockStart += blockSize) {
      const count = Math.min(blockSize, end - blockStart);
      for (let j = 0; j < count; j++) {
        const base = j * n;
        for (let i = 0; i < n; i++) digits[base + i] = cur[i]!;
        for (let i = n - 1; i >= 0; i--) {
          const v = cur[i]! + 1;
          if (v < radices[i]!) {
            cur[i] = v;
            break;
          }
          cur[i] = 0;
        }
      }
      visit(digits, count, blockStart);
    }
  }

  /** A uniformly random outcome. */
  sample(rng: Rng): number[] {
    const out = new Array<number>(this.issues.length);
    for (let i = 0; i < out.length; i++) out[i] = rng.int(0, this.radices[i]! - 1);
    return out;
  }

  /** The outcome as issue name → value. */
  toRecord(outcome: ArrayLike<number>): Record<string, IssueValue> {
    const rec: Record<string, IssueValue> = {};
    this.issues.forEach((issue, i) => {
      rec[issue.name] = issueValueAt(issue, outcome[i]!);
    });
    return rec;
  }

  /**
   * Reads an outcome from issue name → value. Returns the problems instead of
   * throwing, so that callers can report them with file positions.
   */
  fromRecord(record: Readonly<Record<string, unknown>>): { outcome?: number[]; errors: string[] } {
    const errors: string[] = [];
    const out = new Array<number>(this.issues.length).fill(-1);
    for (const key of Object.keys(record)) {
      if (this.issueIndex(key) < 0) errors.push(`unknown issue "${key}"`);
    }
    this.issues.forEach((issue, i) => {
      const v = record[issue.name];
      if (v === undefined) {
        errors.push(`missing a value for issue "${issue.name}"`);
        return;
      }
      if (typeof v !== 'string' && typeof v !== 'number') {
        errors.push(`issue "${issue.name}": expected an option name or a number, got ${typeof v}`);
        return;
      }
      const idx = issueIndexOf(issue, v);
      if (idx < 0) errors.push(`issue "${issue.name}" has no value ${JSON.stringify(v)}`);
      else out[i] = idx;
    });
    return errors.length ? { errors } : { outcome: out, errors };
  }

  /** A one-line description of an outcome. */
  describe(outcome: ArrayLike<number>): string {
    return this.issues.map((issue, i) => `${issue.name}=${issueValueAt(issue, outcome[i]!)}`).join(', ');
  }
}
