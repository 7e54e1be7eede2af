import { Cluster } from '../../engine/sim/cluster';
import { defaultKubeConfig, type KubectlEnv, type KubectlResult } from '../env';
import { runKubectl } from '../index';

/** Split a command line as a POSIX shell would (quotes and backslashes; no globbing). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, end);
      i = end;
      has = true;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1])) i++;
        cur += line[i++];
      }
      has = true;
    } else if (c === '\\') {
      cur += line[++i] ?? '';
      has = true;
    } else if (/\s/.test(c)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

/** A sandbox for tests: a cluster, a kubeconfig, files, and `kubectl …` as a function. */
export class Sandbox {
  readonly cluster: Cluster;
  readonly env: KubectlEnv;
  readonly files = new Map<string, string>();

  constructor(cluster = Cluster.create()) {
    this.cluster = cluster;
    this.env = {
      cluster,
      config: defaultKubeConfig(),
      readFile: (p) => this.files.get(p),
      listDir: (p) => {
        const prefix = `${p.replace(/\/+$/, '')}/`;
        const names = [...this.files.keys()].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0]);
        return names.length ? [...new Set(names)] : undefined;
      },
      sleep: async (ms) => {
        cluster.advance(ms);
      },
    };
  }

  /** Run `kubectl <line>` (the leading `kubectl` is optional). */
  run(line: string, stdin?: string): Promise<KubectlResult> {
    const words = shellWords(line);
    if (words[0] === 'kubectl') words.shift();
    return runKubectl(words, { ...this.env, stdin });
  }

  advance(ms: number): void {
    this.cluster.advance(ms);
  }
}
