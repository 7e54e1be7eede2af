import type { Command } from '../command';
import { help } from '../help/label';
import { runMetadataUpdate } from './metadata';

export const labelCommand: Command = {
  name: 'label',
  help,
  run: (ctx) => runMetadataUpdate(ctx, 'labels'),
};
