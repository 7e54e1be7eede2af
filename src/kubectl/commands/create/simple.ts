import type { Command } from '../../command';
import { help as namespaceHelp } from '../../help/create-namespace';
import { help as serviceAccountHelp } from '../../help/create-serviceaccount';
import { createGenerated, nameArg } from './subcommand';

export const createNamespaceCommand: Command = {
  name: 'namespace',
  help: namespaceHelp,
  run(ctx) {
    const name = nameArg(ctx);
    createGenerated(
      ctx,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { creationTimestamp: null as unknown as string, name }, spec: {}, status: {} },
      { resource: 'namespaces' },
    );
  },
};

export const createServiceAccountCommand: Command = {
  name: 'serviceaccount',
  help: serviceAccountHelp,
  run(ctx) {
    const name = nameArg(ctx);
    createGenerated(
      ctx,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { creationTimestamp: null as unknown as string, name } },
      { resource: 'serviceaccounts', failure: (m) => `failed to create serviceaccount: ${m}` },
    );
  },
};
