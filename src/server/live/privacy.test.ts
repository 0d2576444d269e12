// Property: over a whole live session, no message a seat receives holds another seat's preference
// data (weights, value evaluations, reservation, or its utility of any outcome).
import '../../testing/fast-check-seed.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareScenario } from '../../engine/negotiation/negotiate.ts';
import { scenarioArb } from '../../testing/random-scenario.ts';
import { LiveHub } from './hub.ts';
import { createSessionBody } from './protocol.ts';
import { distinctive, numbersIn, privateNumbers } from '../../testing/privacy.ts';

type Move = { kind: 'offer'; pick: number } | { kind: 'accept' } | { kind: 'end' } | { kind: 'vote'; yes: boolean } | { kind: 'junk' };
const moveArb: fc.Arbitrary<Move> = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((pick): Move => ({ kind: 'offer', pick })) },
  { weight: 3, arbitrary: fc.constant<Move>({ kind: 'accept' }) },
  { weight: 3, arbitrary: fc.boolean().map((yes): Move => ({ kind: 'vote', yes })) },
  { weight: 1, arbitrary: fc.constant<Move>({ kind: 'end' }) },
  { weight: 1, arbitrary: fc.constant<Move>({ kind: 'junk' }) },
);

describe('privacy over a whole session', () => {
  it('a seat never receives another seat’s preference data', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) => scenarioArb(n, { linearOnly: true })),
        fc.constantFrom('saop' as const, 'single-text' as const),
        fc.array(fc.constantFrom('remote', 'human', 'random', 'conceder'), { minLength: 3, maxLength: 3 }),
        fc.array(moveArb, { minLength: 5, maxLength: 80 }),
        (scenario, protocol, kinds, moves) => {
          const hub = new LiveHub();
          const ids = scenario.parties.map((p) => p.id);
          const seats = Object.fromEntries(ids.map((id, i) => [id, i === 0 ? 'remote' : kinds[i]!]));
          const body = createSessionBody.parse({ scenarioId: 'random', protocol, rounds: 6, seats, joinTimeoutMs: 0 });
          const created = hub.create(body, scenario);
          const room = hub.rooms.get(created.id)!;
          for (const r of room.externalSeats()) room.attach(r);
          const space = prepareScenario(scenario).space;
          let k = 0;
          while (room.status === 'running' && k < moves.length) {
            const seat = room.pendingSeat()!;
            const m = moves[k++]!;
            const outcome = space.outcomeAt(BigInt(m.kind === 'offer' ? m.pick : 0) % space.size);
            try {
              if (m.kind === 'offer') room.move(seat, { type: 'offer', outcome: [...outcome] });
              else if (m.kind === 'accept') room.move(seat, { type: 'accept' });
              else if (m.kind === 'end') room.move(seat, { type: 'end' });
              else if (m.kind === 'vote') room.move(seat, { type: 'vote', accept: m.yes });
              else room.move(seat, { type: 'offer', outcome: [999_999] });
            } catch {
              /* refused: the session goes on */
            }
          }
          room.end();
          expect(room.status).toBe('finished');

          const prep = prepareScenario(scenario);
          const outcomes = room.events().flatMap((e) => ('outcome' in e ? [e.outcome] : e.type === 'finish' && e.agreement ? [e.agreement] : []));
          const utilityStrings = (id: string) => {
            const u = prep.parties.get(id)!.evaluator.ufun!;
            return new Set(outcomes.map((o) => distinctive(u.utility(o))).filter((x): x is string => !!x));
          };
          for (const seat of room.externalSeats()) {
            const own = new Set([...privateNumbers(scenario, seat.name), ...utilityStrings(seat.name)]);
            // Every number written in the seat's messages, as written.
            const seen = numbersIn(seat.outbox);
            for (const m of seat.outbox) {
              if (m.type !== 'welcome') expect(JSON.stringify(m)).not.toMatch(/"(preferences|utilities|reservationSpec|weights)"/);
              else expect(m.profile!.id).toBe(seat.name);
            }
            for (const other of ids) {
              if (other === seat.name) continue;
              for (const x of [...privateNumbers(scenario, other), ...utilityStrings(other)]) if (!own.has(x)) expect(seen.has(x), `${other}'s ${x} reached ${seat.name}`).toBe(false);
            }
          }
          hub.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});
