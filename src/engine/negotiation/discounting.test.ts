import { describe, expect, it } from 'vitest';
import { basename, join } from 'node:path';
import { readdirSync } from 'node:fs';
import { importScenario } from '../formats/index.ts';
import { loadSourceFiles } from '../../node/load-files.ts';
import { SCENARIOS_DIR } from '../../testing/shared.ts';
import { compileParty } from '../model/party-evaluator.ts';
import { OutcomeSpace } from '../model/outcome-space.ts';
import { negotiateSync } from '../agents/negotiate.ts';

/**
 * GENIUS semantics: with a discount δ, a party's utility at relative time t
 * is u·δ^t and its reservation value is discounted the same way
 * (`getReservationValueWithDiscount`), so an agreement it accepts rationally
 * (u ≥ reservation) has advantage u·δ^t − r·δ^t ≥ 0.
 */
const Y2012 = join(SCENARIOS_DIR, 'genius/anac/y2012');
/** The ANAC 2012 folders (walked) where every profile discounts and has a positive reservation value. */
const discounted = readdirSync(Y2012)
  .sort()
  .map((f) => join(Y2012, f))
  .filter((dir) => {
    const s = importScenario(loadSourceFiles([dir]));
    return s.parties.every((p) => p.discount && p.discount.factor > 0 && p.discount.factor < 1 && p.reservation && 'value' in p.reservation && p.reservation.value > 0);
  });

/** What the walk finds in the shared scenarios (GENIUS 10.4's ANAC 2012 domains: 30 of 72 variants). */
const EXPECTED = [
  'AcquisitionC',
  'AirportSiteSelectionB',
  'AmsterdamB',
  'BarbecueA',
  'BarterA',
  'BarterC',
  'CameraA',
  'CarA',
  'EnergyA',
  'EnergySmallA',
  'EnglandvsZimbabweB',
  'FiftyFiftyA',
  'FiftyFiftyC',
  'FitnessA',
  'GroceryC',
  'HouseKeepingB',
  'ItexvsCypressA',
  'ItexvsCypressB',
  'LaptopA',
  'LaptopB',
  'MusicCollectionA',
  'NiceOrDieB',
  'NiceOrDieC',
  'OutfitA',
  'OutfitB',
  'PhoneB',
  'RentalHouseA',
  'RentalHouseB',
  'SupermarketA',
  'TravelA',
];

describe('discounted GENIUS scenarios: advantages subtract the reservation discounted like the utility', () => {
  it('finds the discounted ANAC 2012 domains', () => {
    expect(discounted.map((d) => basename(d))).toEqual(EXPECTED);
  });

  let late = 0;
  const pairs: [string, string][] = [
    ['boulware', 'conceder'],
    ['linear', 'linear'],
    ['boulware', 'boulware'],
    ['micro', 'conceder'],
  ];
  for (const dir of discounted) {
    it(basename(dir), () => {
      const scenario = importScenario(loadSourceFiles([dir]));
      const space = new OutcomeSpace(scenario.issues);
      const evals = new Map(scenario.parties.map((p) => [p.id, compileParty(space, p)]));
      // the premise: every profile discounts and has a positive reservation value
      for (const p of scenario.parties) {
        expect(p.discount?.factor).toBeLessThan(1);
        expect(evals.get(p.id)!.reservationValue).toBeGreaterThan(0);
      }
      for (const agents of pairs) {
        const r = negotiateSync(scenario, { agents, rounds: 1000, seed: 1 });
        for (const p of scenario.parties) {
          const ev = evals.get(p.id)!;
          const delta = Math.pow(p.discount!.factor, r.time);
          const rv = ev.reservationValue!;
          expect(r.reservations[p.id]).toBe(rv);
          expect(r.discountedReservations[p.id]).toBeCloseTo(rv * delta, 12);
          if (!r.agreement) {
            expect(r.advantages[p.id]).toBe(0);
            continue;
          }
          const raw = ev.ufun!.utility(r.agreement);
          expect(r.rawUtilities[p.id]).toBe(raw);
          expect(r.utilities[p.id]).toBeCloseTo(raw * delta, 12);
          expect(r.advantages[p.id]).toBeCloseTo((raw - rv) * delta, 12);
          // accepted rationally: advantage ≥ 0 (the undiscounted reservation would make it negative late in the negotiation)
          if (raw >= rv) {
            expect(r.advantages[p.id]).toBeGreaterThanOrEqual(0);
            if (raw * delta < rv) late++;
          }
        }
      }
    });
  }

  it('bites: in some runs a rational agreement is worth less after discounting than the undiscounted reservation', () => {
    // (the old rule, utility − undiscounted reservation, reported a negative advantage there)
    expect(late).toBeGreaterThan(0);
  });
});
