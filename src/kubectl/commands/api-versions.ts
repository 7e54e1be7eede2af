import { apiVersionOf, servedVersions } from '../../engine/apiserver/registry';
import type { Command } from '../command';
import { help } from '../help/api-versions';

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  help,
  run(ctx) {
    // Every served version, the older ones a resource is also served in (autoscaling/v1) too.
    const versions = new Set(ctx.cluster.registry.all().flatMap((t) => servedVersions(t).map((version) => apiVersionOf({ group: t.group, version }))));
    // kubectl sorts with Go's sort.Strings (byte order).
    const sorted = [...versions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    ctx.io.out(sorted.map((v) => `${v}\n`).join(''));
  },
};
