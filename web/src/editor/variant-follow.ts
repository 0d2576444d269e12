// Variants follow edits of the base: a change that names a party, issue or option the base no
// longer has is dropped when the form removes it (removeParty, removeIssue, removeOption in
// doc-edit.ts), and flagged when it got there another way (an edit of the YAML, an older file).
// Patch terms as in what-if/variant.ts: parties by id, issues and options by name.

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** One change of a variant: where (in patch terms) and the new value. */
export interface VariantChange {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** A patch as a list of changes: every leaf (a number, text, list, null or annotated number) with its path. */
export function flattenPatch(patch: unknown, prefix: readonly string[] = []): VariantChange[] {
  const o = patch && typeof patch === 'object' && !Array.isArray(patch) ? (patch as Loose) : null;
  if (!o || (prefix.length > 0 && ('value' in o || Object.keys(o).length === 0))) return [{ path: prefix, value: patch }];
  return Object.entries(o).flatMap(([k, v]) => flattenPatch(v, [...prefix, k]));
}

/**
 * A change's place in words: `parties.ukraine.preferences.weights.crimea` → "Ukraine's weight of
 * crimea" (`nameOf` gives a party's name for its id).
 */
export function describeChange(path: readonly string[], nameOf: (partyId: string) => string = (id) => id): string {
  const [head, id, ...rest] = path;
  if (head === 'parties' && id !== undefined) {
    const who = nameOf(id);
    if (rest[0] === 'reservation') return `${who}'s reservation`;
    if (rest[0] === 'preferences' && rest[1] === 'weights' && rest[2]) return `${who}'s weight of ${rest[2]}`;
    if (rest[0] === 'preferences' && rest[1] === 'values' && rest[2]) return `${who}'s value of ${rest[2]}${rest.at(-1) !== rest[2] ? ` = ${rest.at(-1)}` : ''}`;
    return `${who}'s ${rest.join(' › ')}`;
  }
  if (head === 'agreement') return path.length > 1 ? `agreement ${path.slice(1).join(' › ')}` : 'agreement rule';
  return path.join(' › ');
}

/** What the base has, by name: party ids, and each issue's options (null for a range issue). */
export interface BaseNames {
  readonly parties: ReadonlySet<string>;
  readonly issues: ReadonlyMap<string, ReadonlySet<string> | null>;
}

/** The names of a scenario as written (plain YAML/JSON). */
export function baseNames(js: unknown): BaseNames {
  const o = obj(js);
  const optionName = (x: unknown) => (typeof x === 'string' ? x : String(obj(x).name ?? ''));
  return {
    parties: new Set(arr(o.parties).map((p) => String(obj(p).id ?? ''))),
    issues: new Map(arr(o.issues).map((i) => [String(obj(i).name ?? ''), obj(i).options === undefined ? null : new Set(arr(obj(i).options).map(optionName))])),
  };
}

/** Something the base no longer has. */
export type Removed = { readonly kind: 'party'; readonly id: string } | { readonly kind: 'issue'; readonly name: string } | { readonly kind: 'option'; readonly issue: string; readonly option: string };

/** The issue a change under `parties.<id>` is about (weights, values, reservation outcome), if any. */
function issueOf(rest: readonly string[]): string | undefined {
  if (rest[0] === 'preferences' && (rest[1] === 'weights' || rest[1] === 'values')) return rest[2];
  if (rest[0] === 'reservation' && rest[1] === 'outcome') return rest[2];
  return undefined;
}

/** The option a change under `parties.<id>` names (a value table's entry, a reservation outcome's option), if any. */
function optionOf(rest: readonly string[], value: unknown): string | undefined {
  if (rest[0] === 'preferences' && rest[1] === 'values') return rest[3] === 'values' && rest.length > 4 ? rest[4] : rest[3] !== 'type' ? rest[3] : undefined;
  if (rest[0] === 'reservation' && rest[1] === 'outcome' && typeof value === 'string') return value;
  return undefined;
}

/** Whether a change names a removed party, issue or option (and so cannot apply without it). */
export function namesRemoved(c: VariantChange, removed: Removed): boolean {
  const [head, id, ...rest] = c.path;
  if (head === 'parties') {
    if (removed.kind === 'party') return id === removed.id;
    const issue = issueOf(rest);
    if (removed.kind === 'issue') return issue === removed.name;
    return issue === removed.issue && optionOf(rest, c.value) === removed.option;
  }
  if (head === 'issues') {
    if (removed.kind === 'issue') return id === removed.name;
    if (removed.kind === 'option') return id === removed.issue && rest[0] === 'options' && rest[1] === removed.option;
  }
  return false;
}

/** A patch without the leaves at these paths, and without the maps they leave empty (the root stays). */
export function withoutChanges(patch: unknown, paths: readonly (readonly string[])[]): unknown {
  const drop = new Set(paths.map((p) => JSON.stringify(p)));
  const walk = (v: unknown, at: readonly string[]): unknown => {
    if (drop.has(JSON.stringify(at))) return undefined;
    const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : null;
    if (!o || (at.length > 0 && ('value' in o || Object.keys(o).length === 0))) return v;
    const out: Loose = {};
    for (const [k, x] of Object.entries(o)) {
      const y = walk(x, [...at, k]);
      if (y !== undefined) out[k] = y;
    }
    return at.length > 0 && Object.keys(out).length === 0 ? undefined : out;
  };
  return walk(patch, []) ?? {};
}

/**
 * A variant's patch once the base has lost `removed`: the changes that name it are dropped, and a
 * removed party leaves the rule's voter and required lists of the patch. `dropped` lists the
 * changes dropped (as they were).
 */
export function followRemoval(patch: unknown, removed: Removed): { patch: unknown; dropped: VariantChange[] } {
  const changes = flattenPatch(patch);
  const dropped = changes.filter((c) => c.path.length > 0 && namesRemoved(c, removed));
  let next = dropped.length ? withoutChanges(patch, dropped.map((c) => c.path)) : patch;
  if (removed.kind === 'party') {
    const agreement = obj(obj(next).agreement);
    for (const field of ['voters', 'required'] as const) {
      const list = agreement[field];
      if (Array.isArray(list) && list.includes(removed.id)) {
        next = { ...obj(next), agreement: { ...obj(obj(next).agreement), [field]: list.filter((x) => x !== removed.id) } };
      }
    }
  }
  return { patch: next, dropped };
}

/** A change that does not apply to the base as it is now, and why (in words). */
export interface StaleChange {
  readonly variant: string;
  readonly change: VariantChange;
  readonly reason: string;
}

/**
 * Why a change of a variant does not apply to the base, or null when it does. Names the variant
 * adds itself (a whole new party with preferences, a new issue with options) count as there.
 */
export function changeProblem(base: BaseNames, patch: unknown, c: VariantChange): string | null {
  const p = obj(patch);
  const addedParty = (id: string) => Object.keys(obj(obj(obj(p.parties)[id]).preferences)).length > 0 && !base.parties.has(id);
  const addedIssue = (name: string) => obj(obj(p.issues)[name]).options !== undefined || obj(obj(p.issues)[name]).type !== undefined;
  const hasIssue = (name: string) => base.issues.has(name) || addedIssue(name);
  const hasOption = (issue: string, option: string) => {
    const options = base.issues.get(issue);
    const own = obj(obj(obj(p.issues)[issue]).options)[option];
    return options === null || options === undefined ? true : options.has(option) || (own !== undefined && own !== null);
  };
  const [head, id, ...rest] = c.path;
  if (head === 'parties' && id !== undefined) {
    if (!base.parties.has(id) && !addedParty(id)) return `the base has no party “${id}”`;
    const issue = issueOf(rest);
    if (issue !== undefined && !hasIssue(issue)) return `the base has no issue “${issue}”`;
    const option = optionOf(rest, c.value);
    if (issue !== undefined && option !== undefined && !hasOption(issue, option)) return `the issue “${issue}” has no option “${option}”`;
  }
  if (head === 'issues' && id !== undefined) {
    if (!base.issues.has(id) && !addedIssue(id)) return `the base has no issue “${id}”`;
  }
  if (head === 'agreement' && (id === 'voters' || id === 'required')) {
    for (const x of arr(c.value)) if (typeof x === 'string' && !base.parties.has(x) && !addedParty(x)) return `the base has no party “${x}”`;
  }
  return null;
}

/** Every change of every variant that does not apply to the base as it is now. */
export function staleChanges(js: unknown): StaleChange[] {
  const base = baseNames(js);
  const out: StaleChange[] = [];
  for (const v of arr(obj(js).variants)) {
    const patch = obj(v).patch;
    for (const change of flattenPatch(patch)) {
      if (change.path.length === 0) continue;
      const reason = changeProblem(base, patch, change);
      if (reason) out.push({ variant: String(obj(v).id ?? ''), change, reason });
    }
  }
  return out;
}

/**
 * The variant changes an edit dropped: present before, gone after, in variants present in both,
 * when the edit changed what the base has (a removal of a party, issue or option, not an edit of
 * the variant itself).
 */
export function droppedChanges(before: unknown, after: unknown): { variant: string; change: VariantChange }[] {
  const key = (b: BaseNames) => JSON.stringify([[...b.parties], [...b.issues].map(([k, v]) => [k, v ? [...v] : null])]);
  if (key(baseNames(before)) === key(baseNames(after))) return [];
  const changesOf = (js: unknown) => new Map(arr(obj(js).variants).map((v) => [String(obj(v).id ?? ''), flattenPatch(obj(v).patch)] as const));
  const was = changesOf(before);
  const now = changesOf(after);
  const out: { variant: string; change: VariantChange }[] = [];
  for (const [id, changes] of was) {
    const left = now.get(id);
    if (!left) continue;
    const kept = new Set(left.map((c) => JSON.stringify(c.path)));
    for (const c of changes) if (c.path.length > 0 && !kept.has(JSON.stringify(c.path))) out.push({ variant: id, change: c });
  }
  return out;
}
