import type { Command } from '../command';
import { help as completionHelp } from '../help/completion';
import { help as kustomizeHelp } from '../help/kustomize';
import { help as optionsText } from '../help/options';
import { help as pluginHelp } from '../help/plugin';
import { help as proxyHelp } from '../help/proxy';
import { help as rootHelp } from '../help/root';
import { annotateCommand } from './annotate';
import { apiResourcesCommand } from './api-resources';
import { apiVersionsCommand } from './api-versions';
import { applyCommand } from './apply';
import { attachCommand } from './attach';
import { authCommand } from './auth';
import { autoscaleCommand } from './autoscale';
import { certificateCommand } from './certificate';
import { clusterInfoCommand } from './cluster-info';
import { configCommand } from './config';
import { cordonCommand } from './cordon';
import { cpCommand } from './cp';
import { createCommand } from './create';
import { debugCommand } from './debug';
import { deleteCommand } from './delete';
import { describeCommand } from './describe';
import { diffCommand } from './diff';
import { drainCommand } from './drain';
import { editCommand } from './edit';
import { eventsCommand } from './events';
import { execCommand } from './exec';
import { explainCommand } from './explain';
import { exposeCommand } from './expose';
import { getCommand } from './get';
import { labelCommand } from './label';
import { logsCommand } from './logs';
import { patchCommand } from './patch';
import { portForwardCommand } from './portforward';
import { replaceCommand } from './replace';
import { rolloutCommand } from './rollout';
import { runCommand } from './run';
import { scaleCommand } from './scale';
import { setCommand } from './set';
import { taintCommand } from './taint';
import { topCommand } from './top';
import { unavailable } from './unavailable';
import { uncordonCommand } from './uncordon';
import { versionCommand } from './version';
import { waitCommand } from './wait';

const optionsCommand: Command = {
  name: 'options',
  help: optionsText,
  run(ctx) {
    ctx.io.out(optionsText);
  },
};

/**
 * kubectl's command tree, in the order kubectl registers its commands (which is the order
 * "Did you mean this?" lists suggestions in).
 */
export function rootCommand(): Command {
  return {
    name: 'kubectl',
    help: rootHelp,
    subcommands: [
      createCommand,
      exposeCommand,
      runCommand,
      setCommand,
      explainCommand,
      getCommand,
      editCommand,
      deleteCommand,
      rolloutCommand,
      scaleCommand,
      autoscaleCommand,
      certificateCommand,
      clusterInfoCommand,
      topCommand,
      cordonCommand,
      uncordonCommand,
      drainCommand,
      taintCommand,
      describeCommand,
      logsCommand,
      attachCommand,
      execCommand,
      portForwardCommand,
      unavailable('proxy', proxyHelp),
      cpCommand,
      authCommand,
      debugCommand,
      eventsCommand,
      diffCommand,
      applyCommand,
      patchCommand,
      replaceCommand,
      waitCommand,
      unavailable('kustomize', kustomizeHelp),
      labelCommand,
      annotateCommand,
      unavailable('completion', completionHelp),
      configCommand,
      unavailable('plugin', pluginHelp),
      versionCommand,
      apiVersionsCommand,
      apiResourcesCommand,
      optionsCommand,
    ],
  };
}
