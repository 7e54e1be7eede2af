import { clone, type Stored } from '../../api/types';
import { isStatusError } from '../../api/status';
import { Controller, type ControllerContext } from '../../controllers/controller';
import type { Informer } from '../../controllers/informer';
import { isConditionTrue, setCondition } from '../conditions';
import { CRD_RESOURCE, type CRD } from '../types';
import { crdInformer } from './crds';

/**
 * The establishing controller: once a CRD's names are accepted its resource is being served, so
 * Established turns True ("InitialNamesAccepted"). A single API server (as kind runs) does this
 * at once; highly available control planes wait a few seconds for every server to catch up.
 */
export class CRDEstablishingController extends Controller {
  private readonly crds: Informer<CRD>;

  constructor(ctx: ControllerContext) {
    super('crd-establishing', ctx);
    this.crds = crdInformer(ctx);
    this.crds.addHandlers({
      add: (crd) => this.queue.add(crd.metadata.name),
      update: (crd) => this.queue.add(crd.metadata.name),
    });
  }

  reconcile(name: string): void {
    const crd = this.crds.get('', name);
    if (!crd || !isConditionTrue(crd, 'NamesAccepted') || isConditionTrue(crd, 'Established')) return;
    const next = clone(crd) as Stored<CRD>;
    setCondition(
      next,
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
      this.ctx.clock.timestamp(),
    );
    try {
      this.api.updateStatus(CRD_RESOURCE, '', next);
    } catch (e) {
      if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return;
      throw e;
    }
  }
}
