import type { Agent, AgentView, Bid } from '../negotiation/agent.ts';
import { ACCEPT, END, defaultVote } from './boa.ts';

/**
 * MiCRO (de Jonge, "An analysis of the linear bilateral ANAC domains using
 * the MiCRO benchmark strategy", IJCAI 2022). It walks down its outcomes from
 * the best, one outcome per concession, but concedes only while it has made
 * no more distinct offers than it has received distinct offers; otherwise it
 * repeats one of its earlier offers at random. It never offers below its
 * reservation value (with no rational outcome at all, it walks away). It accepts an offer at least as good as the bid it would
 * make next (its last bid when it is not ready to concede).
 */
export function microAgent(view: AgentView): Agent {
  const sorted = view.sorted();
  const space = view.space;
  const res = view.reservationValue ?? -Infinity;
  const me = view.partyId;
  const keyOf = space.sizeNumber !== undefined ? (b: Bid) => space.indexOf(b) : (b: Bid) => b.join(',');
  const received = new Set<number | string>();
  const sent: Bid[] = [];
  // Position (from the top) of the next concession: 0 = the best outcome.
  let next = 0;
  const posOf = (k: number) => sorted.count - 1 - k;
  const rationalAt = (k: number) => k < sorted.count && sorted.utilities[posOf(k)]! >= res;
  return {
    name: 'micro',
    respond(turn) {
      const offer = turn.offer;
      const fromOther = offer !== undefined && turn.proposer !== me;
      if (fromOther) received.add(keyOf(offer));
      const ready = sent.length <= received.size;
      const canConcede = ready && rationalAt(next);
      if (fromOther && !view.crossesRedLine(offer)) {
        // The bid I would make next: the next concession, or my last (lowest) bid so far.
        const mineU = canConcede ? sorted.utilities[posOf(next)]! : next > 0 && rationalAt(next - 1) ? sorted.utilities[posOf(next - 1)]! : res;
        const u = view.utility(offer);
        if (u >= mineU && u >= res) return ACCEPT;
      }
      if (canConcede) {
        const bid = sorted.outcomeAt(posOf(next));
        next++;
        sent.push(bid);
        return { type: 'offer', outcome: bid };
      }
      // Not even the best outcome is worth the reservation value: walk away (an offer would commit to it).
      if (sent.length === 0) return rationalAt(0) ? { type: 'offer', outcome: sorted.outcomeAt(sorted.count - 1) } : END;
      return { type: 'offer', outcome: sent[view.rng.int(0, sent.length - 1)]! };
    },
    vote: (turn) => defaultVote(view, turn, () => sorted.maxUtility),
  };
}
