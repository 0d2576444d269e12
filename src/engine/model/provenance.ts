/**
 * Provenance: where an assumption comes from. Any party, issue, option,
 * weight, reservation or red line may carry it.
 */
export interface Source {
  /** The quoted words, verbatim. */
  readonly quote: string;
  /** The document the quote comes from (a title, file name or citation). */
  readonly document?: string;
  /** Where in the document: a line, paragraph or heading. */
  readonly locator?: string;
}

/** Where a number or statement comes from: the sources it quotes and the assumption it rests on. */
export interface Provenance {
  readonly sources?: readonly Source[];
  /** Plain-language statement of what is assumed, and why. */
  readonly assumption?: string;
}

/** True when the provenance says anything at all. */
export function hasProvenance(p: Provenance | undefined): p is Provenance {
  return !!p && ((p.sources?.length ?? 0) > 0 || (p.assumption ?? '') !== '');
}
