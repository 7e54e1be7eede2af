import type { AnyObject } from '../../engine/api/types';
import type { Command, Ctx } from '../command';
import { help } from '../help/certificate';
import { help as approveHelp } from '../help/certificate-approve';
import { help as denyHelp } from '../help/certificate-deny';
import { parseFormat } from '../output/format';
import { ObjectPrinter } from '../output/print';
import { buildTargets, throwIfAny, visitTargets } from '../resource/builder';

type Condition = { type: string; status: string; reason?: string; message?: string; lastUpdateTime?: string };

interface Decision {
  operation: 'approved' | 'denied';
  type: 'Approved' | 'Denied';
  opposite: 'Approved' | 'Denied';
  reason: string;
  message: string;
}

/**
 * Add the Approved or Denied condition to each CSR (unless it has it already, or --force);
 * a CSR that carries the opposite decision is refused.
 */
function decide(ctx: Ctx, d: Decision): void {
  const f = ctx.flags;
  const filenames = f.strings('filename');
  if (!ctx.args.length && !filenames.length && !f.string('kustomize')) throw new Error('one or more CSRs must be specified as <name> or -f <filename>');
  const built = buildTargets(ctx, filenames.length ? [] : ['certificatesigningrequests', ...ctx.args], {
    namespace: ctx.namespace,
    filenames,
    recursive: f.bool('recursive'),
  });
  const { visited, errors } = visitTargets(ctx, built);
  const printer = new ObjectPrinter(ctx, parseFormat(ctx));
  let found = 0;
  try {
    for (const { target, objects } of visited) {
      for (const obj of objects as AnyObject[]) {
        if (target.rt.kind !== 'CertificateSigningRequest' || target.rt.group !== 'certificates.k8s.io') {
          throw new Error(`can only handle CertificateSigningRequest.certificates.k8s.io objects, got ${target.rt.kind}${target.rt.group ? `.${target.rt.group}` : ''}`);
        }
        const name = obj.metadata?.name ?? '';
        const csr = structuredClone(ctx.api.get('certificates.k8s.io/certificatesigningrequests', '', name)) as AnyObject;
        const status = (csr.status ?? {}) as { conditions?: Condition[] };
        const conditions = status.conditions ?? [];
        const opposite = conditions.find((c) => c.type === d.opposite);
        if (opposite) throw new Error(`certificate signing request "${name}" is already ${opposite.type}`);
        const has = conditions.some((c) => c.type === d.type);
        if (!has || f.bool('force')) {
          const lastUpdateTime = new Date(Math.floor(ctx.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
          if (!has) conditions.push({ type: d.type, status: 'True', reason: d.reason, message: d.message, lastUpdateTime });
          csr.status = { ...status, conditions };
          // The approval subresource writes status conditions; the status subresource does the same here.
          ctx.api.updateStatus('certificates.k8s.io/certificatesigningrequests', '', csr);
        }
        found++;
        printer.print(obj, d.operation);
      }
    }
  } catch (e) {
    errors.push(e);
  }
  throwIfAny(errors);
  if (found === 0) ctx.io.out('No resources found\n');
}

const approveCommand: Command = {
  name: 'approve',
  help: approveHelp,
  run(ctx) {
    decide(ctx, {
      operation: 'approved',
      type: 'Approved',
      opposite: 'Denied',
      reason: 'KubectlApprove',
      message: 'This CSR was approved by kubectl certificate approve.',
    });
  },
};

const denyCommand: Command = {
  name: 'deny',
  help: denyHelp,
  run(ctx) {
    decide(ctx, {
      operation: 'denied',
      type: 'Denied',
      opposite: 'Approved',
      reason: 'KubectlDeny',
      message: 'This CSR was denied by kubectl certificate deny.',
    });
  },
};

export const certificateCommand: Command = {
  name: 'certificate',
  help,
  subcommands: [approveCommand, denyCommand],
  // Unlike most command groups, `kubectl certificate` alone prints its help as a normal answer.
  run(ctx) {
    ctx.io.out(help);
  },
};
