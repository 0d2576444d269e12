/**
 * What the game's global instructions say about issues and options, read
 * from lines such as `Issue A: "Infrastructure Mix"` and
 * `A1 "water-based": new buildings …` or `D1: $3 billion.`. Only used for
 * descriptions: the ids stay the letter codes (A, A1, …) that deals use.
 */
export interface InstructionTexts {
  readonly issues: ReadonlyMap<string, string>;
  readonly options: ReadonlyMap<string, string>;
}

export function readInstructions(text: string): InstructionTexts {
  const issues = new Map<string, string>();
  const options = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const issue = /^Issue\s+([A-Z])\s*:\s*(.+)$/.exec(line);
    if (issue) {
      if (!issues.has(issue[1]!)) issues.set(issue[1]!, unquote(issue[2]!.trim()));
      continue;
    }
    const option = /^([A-Z]\d+)(?=[\s:"])\s*:?\s*(.+)$/.exec(line);
    if (option && !options.has(option[1]!)) options.set(option[1]!, option[2]!.trim());
  }
  return { issues, options };
}

/** Strips one pair of surrounding double quotes. */
function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}
