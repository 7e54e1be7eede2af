import type { Command, Ctx } from '../../command';
import type { KubeConfig } from '../../env';
import { type CmdError, fatal } from '../../errors';
import { help } from '../../help/config';
import { help as currentContextHelp } from '../../help/config-current-context';
import { help as deleteClusterHelp } from '../../help/config-delete-cluster';
import { help as deleteContextHelp } from '../../help/config-delete-context';
import { help as deleteUserHelp } from '../../help/config-delete-user';
import { help as getClustersHelp } from '../../help/config-get-clusters';
import { help as getContextsHelp } from '../../help/config-get-contexts';
import { help as getUsersHelp } from '../../help/config-get-users';
import { help as renameContextHelp } from '../../help/config-rename-context';
import { help as setHelp } from '../../help/config-set';
import { help as setClusterHelp } from '../../help/config-set-cluster';
import { help as setContextHelp } from '../../help/config-set-context';
import { help as setCredentialsHelp } from '../../help/config-set-credentials';
import { help as unsetHelp } from '../../help/config-unset';
import { help as useContextHelp } from '../../help/config-use-context';
import { tabwrite } from '../../printers/tabwriter';
import { CONFIG_FILE, sortedNames } from './file';
import { viewCommand } from './view';

/** cobra's helpErrorf: the command's help on stdout, then the error. */
function helpError(ctx: Ctx, help: string, message: string): CmdError {
  ctx.io.out(help);
  return fatal(message);
}

const cfg = (ctx: Ctx): KubeConfig => ctx.env.config;

const currentContext: Command = {
  name: 'current-context',
  help: currentContextHelp,
  run(ctx) {
    const current = cfg(ctx)['current-context'];
    if (!current) throw fatal('current-context is not set');
    ctx.io.out(`${current}\n`);
  },
};

const getContexts: Command = {
  name: 'get-contexts',
  help: getContextsHelp,
  run(ctx) {
    const config = cfg(ctx);
    let output = ctx.flags.string('output');
    if (output !== '' && output !== 'name') {
      ctx.io.err(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format\n`);
      output = '';
    }
    const wanted = ctx.args.length ? ctx.args : sortedNames(config.contexts);
    const missing: string[] = [];
    let text = '';
    if (output === 'name') {
      for (const name of wanted) {
        if (config.contexts.some((c) => c.name === name)) text += `${name}\n`;
        else missing.push(name);
      }
      ctx.io.out(text);
    } else {
      if (!ctx.flags.bool('no-headers')) text += 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
      for (const name of wanted) {
        const c = config.contexts.find((x) => x.name === name);
        if (!c) {
          missing.push(name);
          continue;
        }
        const mark = name === config['current-context'] ? '*' : '';
        text += `${mark}\t${name}\t${c.context.cluster}\t${c.context.user}\t${c.context.namespace ?? ''}\n`;
      }
      ctx.io.out(tabwrite(text));
    }
    if (missing.length) throw fatal(missing.map((m) => `context ${m} not found`).join('\n'));
  },
};

const useContext: Command = {
  name: 'use-context',
  help: useContextHelp,
  run(ctx) {
    if (ctx.args.length !== 1) throw helpError(ctx, useContextHelp, `Unexpected args: [${ctx.args.join(' ')}]`);
    const name = ctx.args[0];
    if (!name) throw fatal('empty context names are not allowed');
    if (!cfg(ctx).contexts.some((c) => c.name === name)) throw fatal(`no context exists with the name: "${name}"`);
    cfg(ctx)['current-context'] = name;
    ctx.io.out(`Switched to context "${name}".\n`);
  },
};

const setContext: Command = {
  name: 'set-context',
  help: setContextHelp,
  run(ctx) {
    const config = cfg(ctx);
    if (ctx.args.length > 1) throw helpError(ctx, setContextHelp, `Unexpected args: [${ctx.args.join(' ')}]`);
    const current = ctx.flags.bool('current');
    let name = ctx.args[0] ?? '';
    if (current && name) throw fatal('you cannot specify both a context name and --current');
    if (current) {
      name = config['current-context'];
      if (!name) throw fatal('no current context is set');
    }
    if (!name) throw fatal('you must specify a non-empty context name or --current');
    let entry = config.contexts.find((c) => c.name === name);
    const exists = !!entry;
    if (!entry) {
      entry = { name, context: { cluster: '', user: '' } };
      config.contexts.push(entry);
    }
    const set = (flag: 'cluster' | 'user' | 'namespace') => {
      if (!ctx.flags.changed(flag)) return;
      const value = ctx.flags.string(flag);
      if (flag === 'namespace' && value === '') delete entry.context.namespace;
      else entry.context[flag] = value;
    };
    set('cluster');
    set('user');
    set('namespace');
    ctx.io.out(`Context "${name}" ${exists ? 'modified' : 'created'}.\n`);
  },
};

const renameContext: Command = {
  name: 'rename-context',
  help: renameContextHelp,
  run(ctx) {
    if (ctx.args.length !== 2) throw helpError(ctx, renameContextHelp, `Unexpected args: [${ctx.args.join(' ')}]`);
    const [from, to] = ctx.args;
    if (!to) throw fatal('You must specify a new non-empty context name');
    const config = cfg(ctx);
    const entry = config.contexts.find((c) => c.name === from);
    if (!entry) throw fatal(`cannot rename the context "${from}", it's not in ${CONFIG_FILE}`);
    if (config.contexts.some((c) => c.name === to)) {
      throw fatal(`cannot rename the context "${from}", the context "${to}" already exists in ${CONFIG_FILE}`);
    }
    entry.name = to;
    if (config['current-context'] === from) config['current-context'] = to;
    ctx.io.out(`Context "${from}" renamed to "${to}".\n`);
  },
};

const deleteContext: Command = {
  name: 'delete-context',
  help: deleteContextHelp,
  run(ctx) {
    const config = cfg(ctx);
    if (ctx.args.length !== 1) throw helpError(ctx, deleteContextHelp, `Unexpected args: [${ctx.args.join(' ')}]`);
    const name = ctx.args[0];
    const i = config.contexts.findIndex((c) => c.name === name);
    if (i < 0) throw fatal(`cannot delete context ${name}, not in ${CONFIG_FILE}`);
    if (config['current-context'] === name) {
      ctx.io.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
    }
    config.contexts.splice(i, 1);
    ctx.io.out(`deleted context ${name} from ${CONFIG_FILE}\n`);
  },
};

const getClusters: Command = {
  name: 'get-clusters',
  help: getClustersHelp,
  run(ctx) {
    ctx.io.out(`NAME\n${sortedNames(cfg(ctx).clusters).map((n) => `${n}\n`).join('')}`);
  },
};

const getUsers: Command = {
  name: 'get-users',
  help: getUsersHelp,
  run(ctx) {
    ctx.io.out(`NAME\n${sortedNames(cfg(ctx).users).map((n) => `${n}\n`).join('')}`);
  },
};

const setCluster: Command = {
  name: 'set-cluster',
  help: setClusterHelp,
  run(ctx) {
    if (ctx.args.length !== 1) throw helpError(ctx, setClusterHelp, `Unexpected args: [${ctx.args.join(' ')}]`);
    const name = ctx.args[0];
    if (!name) throw fatal('you must specify a non-empty cluster name');
    const config = cfg(ctx);
    let entry = config.clusters.find((c) => c.name === name);
    if (!entry) {
      entry = { name, cluster: { server: '' } };
      config.clusters.push(entry);
    }
    if (ctx.flags.changed('server')) entry.cluster.server = ctx.flags.string('server');
    ctx.io.out(`Cluster "${name}" set.\n`);
  },
};

const setCredentials: Command = {
  name: 'set-credentials',
  help: setCredentialsHelp,
  run(ctx) {
    if (ctx.args.length !== 1) throw helpError(ctx, setCredentialsHelp, `Unexpected args: [${ctx.args.join(' ')}]`);
    const name = ctx.args[0];
    const config = cfg(ctx);
    let entry = config.users.find((u) => u.name === name);
    if (!entry) {
      entry = { name, user: {} };
      config.users.push(entry);
    }
    if (ctx.flags.changed('token')) entry.user.token = ctx.flags.string('token');
    ctx.io.out(`User "${name}" set.\n`);
  },
};

function deleteNamed(kind: 'cluster' | 'user', help: string): Command {
  return {
    name: `delete-${kind}`,
    help,
    run(ctx) {
      const list = kind === 'cluster' ? cfg(ctx).clusters : cfg(ctx).users;
      if (ctx.args.length !== 1) throw helpError(ctx, help, `Unexpected args: [${ctx.args.join(' ')}]`);
      const name = ctx.args[0];
      const i = list.findIndex((x) => x.name === name);
      if (i < 0) throw fatal(`cannot delete ${kind} ${name}, not in ${CONFIG_FILE}`);
      list.splice(i, 1);
      ctx.io.out(`deleted ${kind} ${name} from ${CONFIG_FILE}\n`);
    },
  };
}

const notHere = (name: string, help: string): Command => ({
  name,
  help,
  run() {
    throw fatal(`"kubectl config ${name}" is not available in this sandbox`);
  },
});

export const configCommand: Command = {
  name: 'config',
  help,
  subcommands: [
    currentContext,
    deleteNamed('cluster', deleteClusterHelp),
    deleteContext,
    deleteNamed('user', deleteUserHelp),
    getClusters,
    getContexts,
    getUsers,
    renameContext,
    notHere('set', setHelp),
    setCluster,
    setContext,
    setCredentials,
    notHere('unset', unsetHelp),
    useContext,
    viewCommand,
  ],
};
