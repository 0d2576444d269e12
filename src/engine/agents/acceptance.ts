/** What an acceptance condition sees when an offer is on the table. */
export interface AcceptanceInput {
  /** Relative time in [0, 1]. */
  readonly time: number;
  /** Own utility of the offer on the table. */
  readonly offerUtility: number;
  /** Own utility of the bid the agent would make next. */
  readonly nextBidUtility: number;
  /** Best own utility among the offers received so far (this one included). */
  readonly bestReceived: number;
}

/** Decides whether to accept the offer on the table (Baarslag et al. 2014, "Effective acceptance conditions"). */
export interface AcceptanceCondition {
  readonly name: string;
  accepts(input: AcceptanceInput): boolean;
}

/** AC_next(α, β): accept when α · u(offer) + β ≥ u(my next bid). */
export function acNext(alpha = 1, beta = 0): AcceptanceCondition {
  return { name: alpha === 1 && beta === 0 ? 'AC_next' : `AC_next(${alpha},${beta})`, accepts: (x) => alpha * x.offerUtility + beta >= x.nextBidUtility };
}

/** AC_time(T): accept anything (that is rational — the agent checks that) once t ≥ T. */
export function acTime(T: number): AcceptanceCondition {
  return { name: `AC_time(${T})`, accepts: (x) => x.time >= T };
}

/**
 * AC_combi(T, MAX): AC_next, or, once t ≥ T, an offer at least as good as
 * the best one received so far.
 */
export function acCombi(T: number): AcceptanceCondition {
  const next = acNext();
  return { name: `AC_combi(${T},MAX)`, accepts: (x) => next.accepts(x) || (x.time >= T && x.offerUtility >= x.bestReceived) };
}

/** Accepts when any of the conditions does. */
export function anyOf(...conds: AcceptanceCondition[]): AcceptanceCondition {
  return { name: conds.map((c) => c.name).join(' ∨ '), accepts: (x) => conds.some((c) => c.accepts(x)) };
}
