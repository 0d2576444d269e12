// Parses native source once per text (and variant), for the worker's repeated requests.
import { applyVariant, readNative } from 'parley';
import type { Scenario } from 'parley';

export class ScenarioCache {
  private readonly entries = new Map<string, Scenario>();
  constructor(private readonly capacity = 8) {}

  get(source: string, variant?: string): Scenario {
    const key = `${variant ?? ''}\u0000${source}`;
    let s = this.entries.get(key);
    if (!s) {
      const base = readNative('scenario.yaml', source);
      s = variant ? applyVariant(base, variant) : base;
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, s);
    }
    return s;
  }
}
