import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One sample of a Prometheus text exposition: metric name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a /metrics answer, and which metric families it declares (# TYPE lines). */
export class Scrape {
  readonly samples: Sample[] = [];
  readonly families = new Set<string>();

  constructor(text: string) {
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) \S+/.exec(line);
      if (type) this.families.add(type[1]);
      if (line === '' || line.startsWith('#')) continue;
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
      if (!match) throw new Error(`Not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[label[1]] = label[2].replace(/\\(.)/g, '$1');
      this.samples.push({ name: match[1], labels, value: parseValue(match[3]) });
    }
  }

  /** Sum of the samples of `name` whose labels include `labels` (0 when none). */
  sum(name: string, labels: Record<string, string> = {}): number {
    return this.samples
      .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
      .reduce((total, sample) => total + sample.value, 0);
  }

  /** Whether a family (`tally_votes_total`, or a histogram's base name) is exported. */
  declares(family: string): boolean {
    return this.families.has(family);
  }
}

function parseValue(raw: string): number {
  if (raw === '+Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  return Number(raw);
}

/** Every metric docker/prometheus/alerts.yml names (in expressions and runbooks), by family: histograms' _bucket/_sum/_count folded. */
export function metricFamiliesInAlertRules(): string[] {
  const text = readFileSync(join(__dirname, '../../docker/prometheus/alerts.yml'), 'utf8');
  const families = new Set([...text.matchAll(/\btally_[a-z0-9_]+/g)].map(([name]) => name.replace(/_(bucket|sum|count)$/, '')));
  return [...families].sort();
}
