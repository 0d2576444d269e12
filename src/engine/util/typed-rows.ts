/**
 * Several typed arrays cut from one buffer.
 *
 * A typed array of more than 64 bytes gets its own off-heap backing store, and
 * allocating one costs about 1–3 µs in V8 (a view on an existing buffer: about
 * 0.05 µs). For a small outcome space that set-up is most of an analysis, so the
 * kernels take their per-party rows as views of one allocation.
 */

/** `rows` zeroed Float64Arrays of `length` each, views of one buffer. */
export function float64Rows(rows: number, length: number): Float64Array[] {
  const buffer = new ArrayBuffer(rows * length * 8);
  const out: Float64Array[] = [];
  for (let r = 0; r < rows; r++) out.push(new Float64Array(buffer, r * length * 8, length));
  return out;
}

/** `rows` zeroed Int32Arrays of `length` each, views of one buffer. */
export function int32Rows(rows: number, length: number): Int32Array[] {
  const buffer = new ArrayBuffer(rows * length * 4);
  const out: Int32Array[] = [];
  for (let r = 0; r < rows; r++) out.push(new Int32Array(buffer, r * length * 4, length));
  return out;
}

/**
 * A growing scratch area for a synchronous kernel: `float64(n)`/`int32(n)`
 * return the first n entries of a buffer kept between calls (contents
 * unspecified), so a kernel called many times allocates only when it needs more
 * room than before. Only for temporaries that never outlive the call and are
 * never handed to code that could use the same scratch.
 */
export class Scratch {
  private f64 = new Float64Array(0);
  private i32 = new Int32Array(0);

  float64(n: number): Float64Array {
    if (this.f64.length < n) this.f64 = new Float64Array(grow(this.f64.length, n));
    return this.f64;
  }

  int32(n: number): Int32Array {
    if (this.i32.length < n) this.i32 = new Int32Array(grow(this.i32.length, n));
    return this.i32;
  }
}

function grow(have: number, need: number): number {
  let c = Math.max(64, have);
  while (c < need) c *= 2;
  return c;
}
