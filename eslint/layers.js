// @ts-check
// ESLint rule `parley/layers`: the engine's layers import only the layers below them.
//   util → model → formats → analysis → negotiation → agents → what-if → report
// A module of one layer may import its own layer and any earlier one; an import of a later
// layer, or of anything outside src/engine (Node edges, tests' helpers), is an error.
// The engine's entry point (src/engine/index.ts) sits above every layer.
import path from 'node:path';

/** The engine's layers, lowest first. Also shown in docs/architecture.md. */
export const ENGINE_LAYERS = ['util', 'model', 'formats', 'analysis', 'negotiation', 'agents', 'what-if', 'report'];

/**
 * The engine folder and layer of a file, or undefined when the file is not in an engine layer.
 * @param {string} file absolute path
 */
function locate(file) {
  const parts = path.resolve(file).split(path.sep);
  for (let i = parts.length - 2; i >= 1; i--) {
    if (parts[i] === 'engine' && parts[i - 1] === 'src') {
      const root = parts.slice(0, i + 1).join(path.sep);
      const layer = parts[i + 1];
      return { root, layer: layer !== undefined && ENGINE_LAYERS.includes(layer) && i + 2 < parts.length ? layer : undefined };
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Engine layers import only earlier layers (util → model → formats → analysis → negotiation → agents → what-if → report)' },
    messages: {
      upward: '{{from}} must not import {{to}} ("{{spec}}"): layers import only earlier ones (util → model → formats → analysis → negotiation → agents → what-if → report).',
      outside: 'The engine must not import code outside src/engine ("{{spec}}"): Node edges import the engine, never the reverse.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const here = locate(file);
    if (!here || !here.layer) return {};
    const rank = ENGINE_LAYERS.indexOf(here.layer);
    /** @param {any} node @param {string} spec */
    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const rel = path.relative(here.root, target);
      if (rel.startsWith('..') || path.isAbsolute(rel)) {
        context.report({ node, messageId: 'outside', data: { spec } });
        return;
      }
      const layer = rel.split(path.sep)[0] ?? '';
      const r = ENGINE_LAYERS.indexOf(layer);
      if (r > rank) context.report({ node, messageId: 'upward', data: { from: here.layer, to: layer, spec } });
      else if (r < 0 && layer !== '') context.report({ node, messageId: 'upward', data: { from: here.layer, to: layer === 'index.ts' ? 'the engine entry point' : layer, spec } });
    }
    return {
      ImportDeclaration: (node) => check(node, /** @type {string} */ (node.source.value)),
      ExportNamedDeclaration: (node) => node.source && check(node, /** @type {string} */ (node.source.value)),
      ExportAllDeclaration: (node) => check(node, /** @type {string} */ (node.source.value)),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, /** @type {string} */ (node.source.value)),
    };
  },
};

export default { rules: { layers: layersRule } };
