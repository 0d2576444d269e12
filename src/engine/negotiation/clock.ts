/** A source of wall-clock time in milliseconds. Injectable so that tests control time. */
export interface Clock {
  now(): number;
}

/** The real clock: `performance.now()`, available in Node and in browsers. */
export const systemClock: Clock = { now: () => performance.now() };

/** A clock that moves only when told to (for tests). */
export class ManualClock implements Clock {
  private t: number;
  constructor(start = 0) {
    this.t = start;
  }
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
