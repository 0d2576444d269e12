// Preload for bench/limits.ts: at exit, writes the process's peak resident set size (KiB) and the
// CPU time it used (ms, user + system) to $PARLEY_RSS_FILE as JSON. `node --import ./bench/rss-at-exit.mjs …`
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.PARLEY_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000) }));
  });
}
