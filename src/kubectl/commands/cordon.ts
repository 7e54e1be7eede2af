import type { Command } from '../command';
import { help } from '../help/cordon';
import { runCordon } from './nodes';

export const cordonCommand: Command = {
  name: 'cordon',
  help,
  run: (ctx) => runCordon(ctx, true),
};
