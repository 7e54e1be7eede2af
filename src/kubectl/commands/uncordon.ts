import type { Command } from '../command';
import { help } from '../help/uncordon';
import { runCordon } from './nodes';

export const uncordonCommand: Command = {
  name: 'uncordon',
  help,
  run: (ctx) => runCordon(ctx, false),
};
