export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly stage: string;
}

export function ProgressBar({ label, progress }: { label: string; progress: ProgressState }) {
  const pct = progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  return (
    <div className="progress" data-testid="progress">
      <label>
        {label}
        {progress.stage ? ` (${progress.stage})` : ''}: {pct} %{' '}
        <progress max={100} value={pct}>
          {pct} %
        </progress>
      </label>
    </div>
  );
}
