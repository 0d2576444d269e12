// parley's Node entry (`import … from 'parley/node'`): what needs the file system or threads.
// The engine (`parley`) is browser-safe; this entry adds reading scenarios from disk, running
// user-written agent modules in worker threads, and the workbench's SQLite store.

export { loadScenario, type LoadScenarioOptions } from './load-scenario.ts';
export { loadSourceFiles, MAX_SOURCE_FILES } from './load-files.ts';
export { createWorkerAgentFactory, DEFAULT_AGENT_HEAP_MB, type WorkerAgentFactory, type WorkerAgentOptions } from './worker-agent.ts';
export { Store, type StoredScenario, type ScenarioListing, type StoredVariant, type StoredRun, type RunListing } from '../storage/store.ts';
export { defaultDatabasePath } from '../storage/data-dir.ts';
