// Agent specs that name a module file: a user-written agent (Node only).

/** An agent spec naming a module file (`path`, or `path#exportName`): a user-written agent. */
export const AGENT_FILE = /^(.*\.(?:ts|mts|js|mjs))(?:#([A-Za-z_$][\w$]*))?$/;

/** The module path and export name of an agent spec that names a module file, or undefined for a registry name. */
export function agentModuleOf(spec: string): { path: string; exportName: string } | undefined {
  const m = AGENT_FILE.exec(spec.trim());
  return m ? { path: m[1]!, exportName: m[2] ?? 'default' } : undefined;
}
