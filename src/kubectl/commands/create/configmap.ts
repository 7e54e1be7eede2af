import { isConfigMapKey } from '../../../engine/api/names';
import type { Command } from '../../command';
import { help } from '../../help/create-configmap';
import { readSources } from './sources';
import { createGenerated, nameArg } from './subcommand';
import { contentHash } from './hash';

export const createConfigMapCommand: Command = {
  name: 'configmap',
  help,
  run(ctx) {
    const name = nameArg(ctx);
    const data: Record<string, string> = {};
    for (const { key, value } of readSources(ctx, 'configmap')) {
      const errs = isConfigMapKey(key);
      if (errs.length) throw new Error(`"${key}" is not a valid key name for a ConfigMap: ${errs.join(',')}`);
      if (key in data) throw new Error(`cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`);
      data[key] = value;
    }
    const obj: Record<string, unknown> = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { creationTimestamp: null, name },
    };
    if (Object.keys(data).length) obj.data = data;
    if (ctx.flags.bool('append-hash')) {
      (obj.metadata as { name: string }).name = `${name}-${contentHash({ data, kind: 'ConfigMap', name })}`;
    }
    createGenerated(ctx, obj, { resource: 'configmaps', failure: (m) => `failed to create configmap: ${m}` });
  },
};
