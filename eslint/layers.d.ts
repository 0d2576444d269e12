import type { ESLint } from 'eslint';
/** The engine's layers, lowest first. */
export declare const ENGINE_LAYERS: readonly string[];
declare const plugin: ESLint.Plugin;
export default plugin;
