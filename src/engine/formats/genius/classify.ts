import { baseName, type SourceFile } from '../source-file.ts';

/** What a file in a GENIUS scenario folder is. */
export type GeniusFileKind =
  | { readonly kind: 'domain' }
  | { readonly kind: 'profile'; readonly nonlinear: boolean }
  | { readonly kind: 'other'; readonly reason: string };

/** The name of the first element, after any BOM, whitespace, comments, declarations and PIs; or undefined. */
export function rootElementName(text: string): string | undefined {
  const m = /^\uFEFF?(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>)*<([A-Za-z_][\w:.-]*)/.exec(text);
  return m?.[1];
}

/**
 * Classifies a file cheaply, without parsing it: a GENIUS domain is a
 * `<negotiation_template>`, or a `<utility_space>` with issues but no weights,
 * evaluations or evaluators; a profile is a `<utility_space>` with them (or a
 * nonlinear one with `<utility>`/`<ufun>`). Anything else is skipped with the
 * reason.
 */
export function classifyGeniusFile(file: SourceFile): GeniusFileKind {
  const name = baseName(file.path);
  if (!/\.xml$/i.test(name)) {
    const ext = /\.[^.]+$/.exec(name)?.[0] ?? '(no extension)';
    return { kind: 'other', reason: `not a GENIUS XML file (${ext})` };
  }
  const head = file.text.replace(/^\uFEFF/, '').trimStart();
  if (!head.startsWith('<')) {
    const firstLine = head.split('\n', 1)[0]?.slice(0, 40) ?? '';
    return {
      kind: 'other',
      reason: head.length === 0 ? 'empty file' : `not XML despite its name: it starts with "${firstLine}" (GENIUS's pareto.xml is CSV)`,
    };
  }
  const root = rootElementName(file.text);
  if (root === 'negotiation_template') return { kind: 'domain' };
  if (root === 'utility_space') {
    const text = file.text;
    const nonlinear = /<utility_space[^>]*\btype\s*=\s*["']nonlinear["']/.test(text) || /<ufun\b/.test(text);
    if (nonlinear || /<weight\b/.test(text) || /<evaluator\b/.test(text) || /\bevaluation\s*=/.test(text))
      return { kind: 'profile', nonlinear };
    return { kind: 'domain' };
  }
  if (root === undefined) {
    // Starts with '<' but no element found: could be a DOCTYPE with an internal subset, or broken XML.
    if (/<!(DOCTYPE|ENTITY)\b/i.test(file.text)) return { kind: 'profile', nonlinear: false };
    return { kind: 'other', reason: 'no XML element found' };
  }
  return { kind: 'other', reason: `XML of another kind: root element <${root}>, not <negotiation_template> or <utility_space>` };
}
