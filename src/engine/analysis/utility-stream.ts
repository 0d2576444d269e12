import type { OutcomeSpace } from '../model/outcome-space.ts';
import type { UtilityFunction } from '../model/utility-function.ts';

/** One block of consecutive outcomes and every party's utility for each. */
export interface UtilityBlock {
  /** Number of outcomes in the block. */
  readonly count: number;
  /** Index of the block's first outcome. */
  readonly start: number;
  /** Per party (in the order given), the raw utility of outcome j at [j]. Reused between blocks and passes: copy what you keep. */
  readonly utilities: readonly Float64Array[];
  /** When requested: outcome j's value position for issue i at [j·n + i]. Reused between blocks. */
  readonly digits: Int32Array | undefined;
}

const BLOCK = 4096;

/**
 * Visits every outcome, in index order, in blocks, with the utilities of the
 * given parties. Linear-additive parties are summed incrementally like an
 * odometer: the partial sums of the leading issues are kept and only the
 * changed tail is re-added, in the same left-to-right order as
 * `UtilityFunction.utility`, so the results are bit-identical to it. Other
 * parties are evaluated block by block. Nothing is allocated per outcome.
 */
export function streamUtilities(
  space: OutcomeSpace,
  ufuns: readonly UtilityFunction[],
  needDigits: boolean,
  visit: (block: UtilityBlock) => void,
): void {
  const total = space.sizeNumber;
  if (total === undefined) throw new RangeError(`the outcome space has ${space.size} outcomes: too many to enumerate`);
  const n = space.issueCount;
  // Plain loops, no closures: for a small space this set-up is most of the pass.
  const lin: number[] = [];
  const nonlin: number[] = [];
  for (let p = 0; p < ufuns.length; p++) (ufuns[p]!.tables ? lin : nonlin).push(p);
  const wantDigits = needDigits || nonlin.length > 0;
  if (n === 0) {
    const utilities = ufuns.map((f) => Float64Array.of(f.utility([])));
    visit({ count: 1, start: 0, utilities, digits: wantDigits ? new Int32Array(0) : undefined });
    return;
  }
  const last = n - 1;
  const R = space.radices[last]!;
  // Blocks of about BLOCK outcomes, never more rows than the space has (a small space is one small block).
  const rowsPerBlock = Math.min(total / R, Math.max(1, Math.floor(BLOCK / R)));
  const B = rowsPerBlock * R;
  // the block's rows and the partial sums: one buffer, kept for the next pass (see `borrowRows`)
  const L0 = lin.length;
  const area = borrowRows(ufuns.length * B + L0 * Math.max(last, 1));
  const utilities: Float64Array[] = [];
  for (let p = 0; p < ufuns.length; p++) utilities.push(area.subarray(p * B, (p + 1) * B));
  const digits = wantDigits ? new Int32Array(B * n) : undefined;
  const L = lin.length;
  const lastTables: Float64Array[] = [];
  const tables: (readonly Float64Array[])[] = [];
  // prefix[q][k]: party q's sum over issues 0..k at the current digits (k < last).
  for (let q = 0; q < L; q++) {
    const t = ufuns[lin[q]!]!.tables!;
    tables.push(t);
    lastTables.push(t[last]!);
  }
  const prefix: Float64Array[] = [];
  for (let q = 0; q < L; q++) prefix.push(area.subarray(ufuns.length * B + q * Math.max(last, 1), ufuns.length * B + (q + 1) * Math.max(last, 1)));
  const cur = new Int32Array(n);
  const radices = space.radices;
  refreshPrefix(prefix, tables, cur, 0, last);
  const rows = total / R;
  let row = 0;
  let start = 0;
  try {
  while (row < rows) {
    const blockRows = Math.min(rowsPerBlock, rows - row);
    let j = 0;
    for (let b = 0; b < blockRows; b++) {
      for (let q = 0; q < L; q++) {
        const base = last > 0 ? prefix[q]![last - 1]! : 0;
        const t = lastTables[q]!;
        const out = utilities[lin[q]!]!;
        if (last > 0) for (let d = 0; d < R; d++) out[j + d] = base + t[d]!;
        else for (let d = 0; d < R; d++) out[j + d] = 0 + t[d]!;
      }
      if (digits) {
        for (let d = 0; d < R; d++) {
          const o = (j + d) * n;
          for (let i = 0; i < last; i++) digits[o + i] = cur[i]!;
          digits[o + last] = d;
        }
      }
      j += R;
      // advance the leading digits
      let k = last - 1;
      while (k >= 0) {
        const v = cur[k]! + 1;
        if (v < radices[k]!) {
          cur[k] = v;
          break;
        }
        cur[k] = 0;
        k--;
      }
      if (k >= 0) refreshPrefix(prefix, tables, cur, k, last);
    }
    for (const p of nonlin) ufuns[p]!.evaluateBlock(digits!, j, utilities[p]!);
    visit({ count: j, start, utilities, digits });
    start += j;
    row += blockRows;
  }
  } finally {
    returnRows(area);
  }
}

/**
 * One spare buffer for the next pass: allocating the block's rows is a large
 * part of a small space's analysis (util/typed-rows.ts), and every pass needs
 * them only while it runs (visitors copy what they keep). A pass borrows the
 * spare (a nested pass, started from a visitor, finds none and allocates its
 * own) and gives it back when it ends; the contents are never read before
 * they are written.
 */
let spare: Float64Array | undefined;

function borrowRows(n: number): Float64Array {
  const s = spare;
  if (s && s.length >= n) {
    spare = undefined;
    return s;
  }
  return new Float64Array(Math.max(n, 64));
}

function returnRows(b: Float64Array): void {
  if (!spare || spare.length < b.length) spare = b;
}

/** Re-adds each linear party's partial sums from issue `from` on (issue order, as `UtilityFunction.utility` sums). */
function refreshPrefix(prefix: readonly Float64Array[], tables: readonly (readonly Float64Array[])[], cur: Int32Array, from: number, last: number): void {
  for (let q = 0; q < prefix.length; q++) {
    const pre = prefix[q]!;
    const t = tables[q]!;
    let s = from > 0 ? pre[from - 1]! : 0;
    for (let k = from; k < last; k++) {
      s += t[k]![cur[k]!]!;
      pre[k] = s;
    }
  }
}
