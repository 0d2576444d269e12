// Variants: a scenario with a patch applied, on the model (no file format involved). The patch is
// merged into the scenario's definition (model/definition.ts: names, not positions) and the result
// built by the model's one build step (model/build-scenario.ts), the same the native reader uses.
import { ScenarioError, formatPath } from '../model/diagnostics.ts';
import type { Scenario } from '../model/scenario.ts';
import { scenarioDefinition } from '../model/definition-of.ts';
import { buildScenario } from '../model/build-scenario.ts';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Lists whose elements a patch addresses by name (key) rather than by position. */
const NAMED_LISTS: Record<string, string> = { issues: 'name', parties: 'id', options: 'name', variants: 'id', documents: 'id' };

/**
 * Merges a patch into a scenario definition (or any part of one):
 * - objects merge key by key; `null` removes a key;
 * - `issues`, `parties`, `options`, `documents` are addressed by name/id when
 *   the patch gives an object: an existing element is merged, a new name is
 *   appended (and must then be complete), `null` removes the element;
 * - any other value, and a list given as a list, replaces what was there.
 */
export function mergePatch(base: unknown, patch: unknown, key = ''): unknown {
  if (patch === undefined) return base;
  const named = NAMED_LISTS[key];
  if (named && Array.isArray(base) && isObj(patch)) {
    const list = base.map((e) => (typeof e === 'string' ? { [named]: e } : e)) as Obj[];
    for (const [name, p] of Object.entries(patch)) {
      const idx = list.findIndex((e) => String(e[named]) === name);
      if (p === null) {
        if (idx >= 0) list.splice(idx, 1);
      } else if (idx >= 0) list[idx] = mergePatch(list[idx], p) as Obj;
      else list.push(isObj(p) ? { [named]: name, ...p } : (p as Obj));
    }
    return list;
  }
  if (isObj(base) && isObj(patch)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete out[k];
      else out[k] = mergePatch(out[k], v, k);
    }
    return out;
  }
  return patch;
}

/** The scenario with a named variant applied. Unknown variant ids and invalid patches are errors (ScenarioError). */
export function applyVariant(s: Scenario, variantId: string): Scenario {
  const v = s.variants?.find((x) => x.id === variantId);
  if (!v) {
    const known = s.variants?.map((x) => x.id).join(', ') || 'none';
    throw new ScenarioError([{ message: `unknown variant "${variantId}"; the scenario's variants are: ${known}` }]);
  }
  return applyPatch(s, v.patch, `variant "${variantId}"`);
}

/**
 * The scenario with a patch applied: the patch (in the terms of a scenario
 * file: names, not positions) is merged into the scenario's definition, which
 * is checked and built like a file's; problems are reported against `label`
 * with the field path. The result keeps the scenario's name, variants,
 * questions (a question is about the scenario as written) and origin.
 */
export function applyPatch(s: Scenario, patch: Readonly<Record<string, unknown>>, label = 'patch'): Scenario {
  const { variants: _v, questions: _q, ...definition } = scenarioDefinition(s);
  const merged = mergePatch(definition, patch);
  const result = buildScenario({ file: label, value: merged, at: (path, message) => ({ file: label, path: formatPath(path), message }) });
  return { ...result, ...(s.variants ? { variants: s.variants } : {}), ...(s.questions ? { questions: s.questions } : {}), ...(s.origin ? { origin: s.origin } : {}), name: s.name };
}
