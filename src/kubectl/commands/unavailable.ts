import type { Command } from '../command';
import { fatal } from '../errors';

/**
 * A kubectl command the sandbox does not offer (it needs a real terminal, network or
 * editor): it still answers --help like kubectl, and says plainly that it is not here.
 */
export function unavailable(name: string, help: string, why = 'is not available in this sandbox', path = name): Command {
  return {
    name,
    help,
    run() {
      throw fatal(`"kubectl ${path}" ${why}`);
    },
  };
}
