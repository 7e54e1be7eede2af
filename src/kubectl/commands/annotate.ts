import type { Command } from '../command';
import { help } from '../help/annotate';
import { runMetadataUpdate } from './metadata';

export const annotateCommand: Command = {
  name: 'annotate',
  help,
  run: (ctx) => runMetadataUpdate(ctx, 'annotations'),
};
