import { KUBERNETES_VERSION } from '../../engine/sim/version';
import type { Command } from '../command';
import { fatal } from '../errors';
import { help } from '../help/version';
import { printYaml } from '../printers/yaml';

/** The kubectl this sandbox answers as (a v1.32 release, like the cluster). */
export const CLIENT_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:12:10Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const KUSTOMIZE_VERSION = 'v5.5.0';

/** What the API server's /version answers (a kind node image of the same release). */
export function serverVersion() {
  const minor = KUBERNETES_VERSION.split('.')[1] ?? '';
  return {
    major: '1',
    minor,
    gitVersion: KUBERNETES_VERSION,
    gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f',
    gitTreeState: 'clean',
    buildDate: '2025-02-12T21:19:12Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export const versionCommand: Command = {
  name: 'version',
  help,
  run(ctx) {
    if (ctx.args.length) throw fatal(`extra arguments: [${ctx.args.join(' ')}]`);
    const output = ctx.flags.string('output');
    if (output !== '' && output !== 'yaml' && output !== 'json') throw fatal("--output must be 'yaml' or 'json'");
    const client = ctx.flags.bool('client');
    const info: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
    if (!client) info.serverVersion = serverVersion();
    if (output === '') {
      ctx.io.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (!client) ctx.io.out(`Server Version: ${serverVersion().gitVersion}\n`);
    } else if (output === 'json') {
      ctx.io.out(`${JSON.stringify(info, null, 2)}\n`);
    } else {
      ctx.io.out(`${printYaml(info)}\n`);
    }
  },
};
