import type { Command } from '../command';
import { fatal } from '../errors';
import { help } from '../help/top';
import { help as nodeHelp } from '../help/top-node';
import { help as podHelp } from '../help/top-pod';

/** A kind cluster has no metrics-server, so `kubectl top` answers as kubectl does without one. */
const noMetrics = (name: string, text: string): Command => ({
  name,
  help: text,
  run() {
    throw fatal('Metrics API not available');
  },
});

export const topCommand: Command = {
  name: 'top',
  help,
  subcommands: [noMetrics('node', nodeHelp), noMetrics('pod', podHelp)],
};
