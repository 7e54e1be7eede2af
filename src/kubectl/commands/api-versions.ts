import { apiVersionOf } from '../../engine/apiserver/registry';
import type { Command } from '../command';
import { help } from '../help/api-versions';

/** Versions a v1.32 API server serves besides the ones the sandbox stores objects in. */
const ALSO_SERVED = ['autoscaling/v1'];

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  help,
  run(ctx) {
    const versions = new Set(ctx.cluster.registry.all().map(apiVersionOf));
    for (const v of ALSO_SERVED) versions.add(v);
    // kubectl sorts with Go's sort.Strings (byte order).
    const sorted = [...versions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    ctx.io.out(sorted.map((v) => `${v}\n`).join(''));
  },
};
