import type { Command } from '../../command';
import { help } from '../../help/set';
import { envCommand } from './env';
import { imageCommand } from './image';
import { resourcesCommand } from './resources';
import { selectorCommand } from './selector';
import { serviceAccountCommand } from './serviceaccount';
import { subjectCommand } from './subject';

export const setCommand: Command = {
  name: 'set',
  help,
  subcommands: [
    envCommand,
    imageCommand,
    resourcesCommand,
    selectorCommand,
    serviceAccountCommand,
    subjectCommand,
  ],
};
