import { apiVersionOf, type ResourceType } from '../../engine/apiserver/registry';
import type { Command } from '../command';
import { fatal, usageError } from '../errors';
import { help } from '../help/api-resources';
import { tabwrite } from '../printers/tabwriter';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  help,
  run(ctx) {
    const { flags } = ctx;
    const output = flags.string('output');
    if (!['', 'wide', 'name'].includes(output)) throw fatal(`--output ${output} is not available`);
    const sortBy = flags.string('sort-by');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw fatal('--sort-by accepts only name or kind');
    if (ctx.args.length) throw usageError(ctx.path, `unexpected arguments: [${ctx.args.join(' ')}]`);

    const verbs = flags.strings('verbs');
    const categories = flags.strings('categories');
    const resources = ctx.cluster.registry.all().filter((r) => {
      if (r.verbs.length === 0) return false;
      if (flags.changed('api-group') && flags.string('api-group') !== r.group) return false;
      if (flags.changed('namespaced') && flags.bool('namespaced') !== r.namespaced) return false;
      if (verbs.some((v) => !r.verbs.includes(v))) return false;
      if (categories.some((c) => !r.categories.includes(c))) return false;
      return true;
    });
    const key = (r: ResourceType) => (sortBy === 'name' ? r.plural : sortBy === 'kind' ? r.kind : r.group);
    // A stable sort by the chosen field, ties broken by resource name, as kubectl does.
    resources.sort((a, b) => compare(key(a), key(b)) || compare(a.plural, b.plural));

    let text = '';
    if (!flags.bool('no-headers') && output !== 'name') {
      text += `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${output === 'wide' ? '\tVERBS\tCATEGORIES' : ''}\n`;
    }
    for (const r of resources) {
      if (output === 'name') {
        text += `${r.group ? `${r.plural}.${r.group}` : r.plural}\n`;
        continue;
      }
      const cells = [r.plural, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind];
      if (output === 'wide') cells.push(r.verbs.join(','), r.categories.join(','));
      text += `${cells.join('\t')}\n`;
    }
    ctx.io.out(tabwrite(text));
  },
};
