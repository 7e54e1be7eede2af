import type { Pod } from 'kubernetes-types/core/v1';
import { isStatusError, StatusError } from '../../engine/api/status';
import type { Stored } from '../../engine/api/types';
import type { Command } from '../command';
import { fatal, usageError } from '../errors';
import { help } from '../help/logs';
import { followLogs, type LogStream } from './logsfollow';
import { defaultContainer, kubeletOf, podFor } from './pods';

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

export const logsCommand: Command = {
  name: 'logs',
  help,
  async run(ctx) {
    const f = ctx.flags;
    const selector = f.string('selector');
    let container = f.string('container');
    const args = ctx.args;
    if (args.length === 0 && !selector) throw usageError(ctx.path, USAGE);
    if (args.length === 1 && selector) throw usageError(ctx.path, 'only a selector (-l) or a POD name is allowed');
    if (args.length > 2) throw usageError(ctx.path, USAGE);
    if (args.length === 2) {
      if (f.changed('container')) throw new Error('only one of -c or an inline [CONTAINER] arg is allowed');
      container = args[1];
    }
    if (f.string('since-time') && f.duration('since')) throw new Error('at most one of `sinceTime` or `sinceSeconds` may be specified');
    if (f.bool('all-containers') && container) throw new Error(`--all-containers=true should not be specified with container name ${container}`);
    if (f.int('limit-bytes') < 0) throw new Error('--limit-bytes must be greater than 0');
    if (f.duration('since') < 0) throw new Error('--since must be greater than 0');
    if (f.int('tail') < -1) throw new Error('--tail must be greater than or equal to -1');

    let pods: Stored<Pod>[];
    if (selector) {
      pods = ctx.api.list<Pod>('pods', ctx.namespace, { labelSelector: selector }).items;
      if (!pods.length) {
        ctx.io.err(`No resources found in ${ctx.namespace} namespace.\n`);
        return;
      }
    } else {
      try {
        const { pod, candidates } = podFor(ctx, args[0]);
        if (candidates > 1) ctx.io.err(`Found ${candidates} pods, using pod/${pod.metadata.name}\n`);
        pods = [pod];
      } catch (e) {
        if (isStatusError(e, 'NotFound')) throw fatal(`error from server (NotFound): ${e.message} in namespace "${ctx.namespace}"`);
        throw e;
      }
    }
    const kubelet = kubeletOf(ctx);
    const tail = f.changed('tail') ? f.int('tail') : selector ? 10 : -1;
    const since = f.duration('since');
    const opts = {
      previous: f.bool('previous'),
      timestamps: f.bool('timestamps'),
      tailLines: tail >= 0 ? tail : undefined,
      sinceSeconds: since > 0 ? Math.ceil(since / 1000) : undefined,
      limitBytes: f.int('limit-bytes') > 0 ? f.int('limit-bytes') : undefined,
    };
    const prefix = f.bool('prefix') || f.bool('all-pods');
    const streams: LogStream[] = [];
    for (const pod of pods) {
      const names = f.bool('all-containers')
        ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)
        : [defaultContainer(ctx, pod, container)];
      for (const name of names) streams.push({ pod, container: name, prefix: prefix ? `[pod/${pod.metadata.name}/${name}] ` : '' });
    }
    const follow = f.bool('follow');
    if (follow && streams.length > 1 && streams.length > f.int('max-log-requests')) {
      throw new Error(
        `you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${f.int('max-log-requests')}, use --max-log-requests to increase the limit`,
      );
    }
    const open: LogStream[] = [];
    for (const s of streams) {
      // Each stream is a GET of pods/log, with its own permission beyond reading the pod.
      ctx.api.authorizeConnect('get', 'pods', s.pod.metadata.namespace ?? ctx.namespace, s.pod.metadata.name, 'log');
      try {
        const text = kubelet.logs(s.pod.metadata.namespace ?? ctx.namespace, s.pod.metadata.name, s.container, opts);
        ctx.io.out(s.prefix ? text.replace(/^(?=.)/gm, s.prefix) : text);
        open.push({ ...s, printed: text.length });
      } catch (e) {
        if (f.bool('ignore-errors')) ctx.io.out(`error: ${(e as Error).message}\n`);
        else if (e instanceof StatusError) throw e;
        else throw fatal((e as Error).message);
      }
    }
    // A previous container's log is complete: following it ends at once, as the kubelet's stream does.
    if (follow && !opts.previous && open.length) await followLogs(ctx, kubelet, open, { limitBytes: opts.limitBytes });
  },
};
