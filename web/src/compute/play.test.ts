import { describe, expect, it } from 'vitest';
import { readNative } from '../../../src/engine/formats/native/index.ts';
import { PlayGame, playerProfile } from './play.ts';

// Each party's numbers are distinctive, so a leak of the opponent's preferences would show in the JSON.
const scenario = readNative(
  'game.yaml',
  `parley: 1
name: Game
issues:
  - {name: price, options: [low, mid, high]}
  - {name: time, options: [soon, late]}
parties:
  - id: me
    reservation: 0.111
    preferences:
      weights: {price: 0.7, time: 0.3}
      values: {price: {low: 0, mid: 0.5, high: 1}, time: {soon: 1, late: 0}}
  - id: them
    reservation: 0.4242
    preferences:
      weights: {price: 0.6137, time: 0.3863}
      values: {price: {low: 1, mid: 0.777, high: 0}, time: {soon: 0.0123, late: 1}}
`,
);

const OPPONENT_NUMBERS = ['0.4242', '0.6137', '0.3863', '0.777', '0.0123'];

describe('playerProfile', () => {
  it("holds the player's own weights, evaluations and reservation only", () => {
    const p = playerProfile(scenario, 'me');
    expect(p.reservation).toBe(0.111);
    expect(p.issues.map((i) => i.weight)).toEqual([0.7, 0.3]);
    expect(p.issues[0]!.values.map((v) => v.evaluation)).toEqual([0, 0.5, 1]);
    const json = JSON.stringify(p);
    for (const n of OPPONENT_NUMBERS) expect(json).not.toContain(n);
  });
});

describe('PlayGame', () => {
  it('plays rounds against a built-in strategy; every state the page sees holds only the player view', async () => {
    const game = new PlayGame(scenario, 'me', 'hardliner', 10, 3);
    const states = [await game.settle()];
    expect(states[0]!.turn).not.toBeNull();
    for (let r = 0; r < 3; r++) {
      const s = states.at(-1)!;
      expect(s.finished).toBeNull();
      expect(game.evaluate([2, 0])).toBeCloseTo(1);
      states.push(await game.move({ type: 'offer', outcome: [2, 0] }));
    }
    const last = states.at(-1)!;
    const mine = last.moves.filter((m) => m.party === 'me');
    const theirs = last.moves.filter((m) => m.party === 'them');
    expect(mine.length).toBe(3);
    expect(theirs.length).toBeGreaterThanOrEqual(3);
    // The utility shown for an opponent's offer is the player's own.
    for (const m of theirs) expect(m.myUtility).toBeCloseTo(0.7 * [0, 0.5, 1][m.outcome![0]!]! + 0.3 * [1, 0][m.outcome![1]!]!, 12);
    for (const s of states) {
      const json = JSON.stringify(s);
      for (const n of OPPONENT_NUMBERS) expect(json).not.toContain(n);
    }
    // Walking away ends it: no agreement, the player's reservation.
    const end = await game.move({ type: 'end' });
    expect(end.finished).not.toBeNull();
    expect(end.finished!.agreement).toBeNull();
    expect(end.finished!.myUtility).toBe(0.111);
    await expect(game.move({ type: 'end' })).rejects.toThrow(/over/);
  });

  it('reaches an agreement when the player accepts, and refuses invalid moves', async () => {
    const game = new PlayGame(scenario, 'me', 'conceder', 10, 1);
    let s = await game.settle();
    if (!s.turn!.offer) {
      await expect(game.move({ type: 'accept' })).rejects.toThrow(/no offer/);
      s = await game.move({ type: 'offer', outcome: [2, 0] });
    }
    await expect(game.move({ type: 'offer', outcome: [9, 9] })).rejects.toThrow(/not an outcome/);
    const offer = s.turn!.offer!;
    const done = await game.move({ type: 'accept' });
    expect(done.finished?.agreement).toEqual(offer);
    expect(done.finished?.myUtility).toBeCloseTo(game.evaluate(offer)!, 12);
  });
});
