// Host tokens of the live sessions this browser created or opened as host, so that a finished
// session can be opened in the Simulation screen (its trace needs the host token). Kept in this
// browser's local storage only, never in a URL; the workbench is a local tool (docs/workbench.md).
const KEY = (session: string) => `parley.live.host.${session}`;

export function rememberHostToken(session: string, token: string): void {
  try {
    localStorage.setItem(KEY(session), token);
  } catch {
    // Storage full or refused: the token can still be pasted.
  }
}

export function hostTokenOf(session: string): string | null {
  try {
    return localStorage.getItem(KEY(session));
  } catch {
    return null;
  }
}
