// Progress of a tournament on stderr: a bar with rate and ETA on a terminal, a live leaderboard, plain lines otherwise (Node only).
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { TournamentProgress } from '../engine/negotiation/tournament/run.ts';

export interface ProgressDisplay {
  update(p: TournamentProgress): void;
  /** Prints a line above the bar (or plainly). */
  log(line: string): void;
  stop(): void;
}

/** The leaderboard in one or more short lines (top 10). */
export function leaderboardLines(p: TournamentProgress, top = 10): string[] {
  const rows = p.leaderboard.slice(0, top);
  if (!rows.length) return [];
  const width = Math.max(...rows.map((r) => r.agent.length));
  return [
    `leaderboard after ${p.done} of ${p.total} negotiations:`,
    ...rows.map(
      (r, i) =>
        `  ${String(i + 1).padStart(2)}. ${r.agent.padEnd(width)}  utility ${r.meanUtility === null ? '—    ' : r.meanUtility.toFixed(4)}  agreements ${(r.agreementRate * 100).toFixed(1).padStart(5)}%${r.faults ? `  faults ${r.faults}` : ''}`,
    ),
  ];
}

function seconds(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** One plain progress line. */
export function progressLine(p: TournamentProgress): string {
  const pct = p.total ? ((p.done / p.total) * 100).toFixed(1) : '100.0';
  return `tournament ${p.id}: ${p.done}/${p.total} negotiations (${pct}%), ${p.rate.toFixed(1)}/s, ETA ${seconds(p.eta)}, agreements ${p.agreements}, faults ${p.faults}`;
}

/**
 * A display on `stream`: on a terminal, a progress bar (count, rate, ETA)
 * with the leaderboard printed above it every `leaderboardSeconds`; otherwise
 * a plain progress line and the leaderboard every `plainSeconds`.
 */
export function progressDisplay(stream: NodeJS.WriteStream = process.stderr, options: { leaderboardSeconds?: number; plainSeconds?: number; tty?: boolean } = {}): ProgressDisplay {
  const tty = options.tty ?? stream.isTTY === true;
  const boardEvery = (options.leaderboardSeconds ?? 5) * 1000;
  const plainEvery = (options.plainSeconds ?? 5) * 1000;
  let lastBoard = Date.now();
  let lastPlain = -Infinity;
  if (tty) {
    const multi = new MultiBar(
      { format: 'tournament {id} |{bar}| {value}/{total} · {rate}/s · ETA {etaText} · agreements {agreements} · faults {faults}', stream, hideCursor: true, clearOnComplete: false, etaBuffer: 50 },
      Presets.shades_classic,
    );
    let bar: SingleBar | undefined;
    return {
      update(p) {
        const payload = { id: p.id, rate: p.rate.toFixed(1), etaText: seconds(p.eta), agreements: p.agreements, faults: p.faults };
        if (!bar) bar = multi.create(p.total, p.done, payload);
        else bar.update(p.done, payload);
        if (Date.now() - lastBoard >= boardEvery) {
          lastBoard = Date.now();
          for (const l of leaderboardLines(p)) multi.log(l + '\n');
        }
      },
      log(line) {
        multi.log(line + '\n');
      },
      stop() {
        multi.stop();
      },
    };
  }
  return {
    update(p) {
      const now = Date.now();
      const finished = p.done === p.total;
      if (now - lastPlain < plainEvery && !finished) return;
      if (finished && lastPlain === Infinity) return;
      lastPlain = finished ? Infinity : now;
      stream.write(progressLine(p) + '\n');
      if (now - lastBoard >= boardEvery || finished) {
        lastBoard = now;
        for (const l of leaderboardLines(p)) stream.write(l + '\n');
      }
    },
    log(line) {
      stream.write(line + '\n');
    },
    stop() {},
  };
}
