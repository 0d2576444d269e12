// The scenario's YAML with line numbers; the line of each error is marked in the margin and behind the text.
import type { Diagnostic } from 'parley';
import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';

/** Height of one line, in px (the gutter, the marks and the text area share it). */
const LINE_PX = 20;

export interface YamlViewHandle {
  /** Scrolls to a line (1-based), selects it and focuses the text. */
  showLine(line: number): void;
}

export const YamlView = forwardRef<YamlViewHandle, { source: string; diagnostics: readonly Diagnostic[]; onSource: (source: string) => void }>(function YamlView({ source, diagnostics, onSource }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const lineCount = useMemo(() => source.split('\n').length, [source]);
  const errorLines = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const d of diagnostics) if (d.line !== undefined) m.set(d.line, [...(m.get(d.line) ?? []), d.message]);
    return m;
  }, [diagnostics]);
  const gutter = useMemo(() => Array.from({ length: lineCount }, (_, i) => String(i + 1)).join('\n'), [lineCount]);

  useImperativeHandle(ref, () => ({
    showLine(line: number) {
      const t = area.current;
      if (!t) return;
      const lines = t.value.split('\n');
      const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
      t.focus({ preventScroll: true });
      t.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
      box.current?.scrollTo({ top: Math.max(0, (line - 4) * LINE_PX) });
      t.scrollIntoView({ block: 'nearest' });
    },
  }));

  return (
    <div className="yaml-view" ref={box} data-testid="yaml-view">
      <pre className="gutter" aria-hidden="true" style={{ lineHeight: `${LINE_PX}px` }}>
        {gutter}
      </pre>
      <div className="yaml-text">
        {[...errorLines.entries()].map(([line, messages]) => (
          <div key={line} className="error-line" data-testid="yaml-error-line" data-line={line} title={messages.join('; ')} style={{ top: `${(line - 1) * LINE_PX + 4}px`, height: `${LINE_PX}px` }} />
        ))}
        <textarea
          id="yaml-source"
          ref={area}
          className="source"
          spellCheck={false}
          wrap="off"
          value={source}
          style={{ height: `${lineCount * LINE_PX + 12}px`, lineHeight: `${LINE_PX}px` }}
          aria-describedby={errorLines.size ? 'yaml-error-summary' : undefined}
          onChange={(e) => onSource(e.target.value)}
        />
      </div>
      {errorLines.size > 0 && (
        <p id="yaml-error-summary" className="visually-hidden">
          Errors on line{errorLines.size > 1 ? 's' : ''} {[...errorLines.keys()].join(', ')}.
        </p>
      )}
    </div>
  );
});
