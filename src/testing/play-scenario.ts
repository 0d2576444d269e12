// Test support: a two-party game for the Play tests. Each party's numbers are distinctive, so a leak
// of the opponent's preferences shows in any JSON that carries them.
export const PLAY_SOURCE = `parley: 1
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
`;

/** The opponent's numbers in PLAY_SOURCE: none may reach the player while the game is played. */
export const OPPONENT_NUMBERS = ['0.4242', '0.6137', '0.3863', '0.777', '0.0123'];
