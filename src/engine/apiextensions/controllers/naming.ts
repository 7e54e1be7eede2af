import { clone, type Stored } from '../../api/types';
import { isStatusError } from '../../api/status';
import { Controller, type ControllerContext } from '../../controllers/controller';
import type { Informer } from '../../controllers/informer';
import { findCondition, sameCondition, setCondition } from '../conditions';
import { CRD_RESOURCE, type CRD, type CRDCondition, type CRDNames } from '../types';
import { crdInformer, sameNames } from './crds';

/**
 * The API server's naming controller: a CRD's requested names become its accepted names unless
 * another CRD of the same group already uses them. It sets NamesAccepted (True "NoConflicts",
 * or False with the conflict) and moves Established to "Installing" once the names are in, for
 * the establishing controller to finish.
 */
export class CRDNamingController extends Controller {
  private readonly crds: Informer<CRD>;

  constructor(ctx: ControllerContext) {
    super('crd-naming', ctx);
    this.crds = crdInformer(ctx);
    this.crds.addHandlers({
      add: (crd) => this.queue.add(crd.metadata.name),
      update: (crd) => this.queue.add(crd.metadata.name),
      delete: (crd) => this.queue.add(crd.metadata.name),
    });
  }

  reconcile(name: string): void {
    const crd = this.crds.get('', name);
    if (!crd) {
      // Its names are free again: others of its group may now get theirs.
      this.requeueGroup(name);
      return;
    }
    if (sameNames(crd.spec.names, crd.status?.acceptedNames)) return;
    const { names, namesAccepted, established } = this.calculate(crd);
    if (sameNames(crd.status?.acceptedNames, names) && sameCondition(namesAccepted as CRDCondition, findCondition(crd, 'NamesAccepted'))) return;
    const next = clone(crd) as Stored<CRD>;
    next.status = { ...next.status, acceptedNames: names };
    const now = this.ctx.clock.timestamp();
    setCondition(next, namesAccepted, now);
    setCondition(next, established, now);
    try {
      this.api.updateStatus(CRD_RESOURCE, '', next);
    } catch (e) {
      // Gone or changed meanwhile: the informer brings the key back if there is more to do.
      if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return;
      throw e;
    }
    this.requeueGroup(name);
  }

  private requeueGroup(name: string): void {
    const group = name.slice(name.indexOf('.') + 1);
    for (const other of this.crds.list()) {
      if (other.metadata.name !== name && other.spec?.group === group) this.queue.add(other.metadata.name);
    }
  }

  private calculate(crd: CRD) {
    const resources = new Set<string>();
    const kinds = new Set<string>();
    for (const other of this.crds.list()) {
      if (other.spec?.group !== crd.spec.group) continue;
      const a = other.status?.acceptedNames ?? ({} as CRDNames);
      for (const n of [a.plural, a.singular, ...(a.shortNames ?? [])]) resources.add(n ?? '');
      kinds.add(a.kind ?? '');
      kinds.add(a.listKind ?? '');
    }
    const requested = crd.spec.names;
    const accepted = crd.status?.acceptedNames ?? ({ plural: '', kind: '' } as CRDNames);
    const names: CRDNames = { ...accepted };
    let namesAccepted: Omit<CRDCondition, 'lastTransitionTime'> = {
      type: 'NamesAccepted',
      status: 'Unknown',
    };
    const conflict = (reason: string, message: string) => {
      namesAccepted = {
        type: 'NamesAccepted',
        status: 'False',
        reason,
        message,
      };
    };
    const fresh = (requestedName: string | undefined, acceptedName: string | undefined, used: Set<string>) =>
      requestedName === acceptedName || !used.has(requestedName ?? '') ? undefined : `"${requestedName}" is already in use`;

    let err = fresh(requested.plural, accepted.plural, resources);
    if (err) conflict('PluralConflict', err);
    else names.plural = requested.plural;
    err = fresh(requested.singular, accepted.singular, resources);
    if (err) conflict('SingularConflict', err);
    else if (requested.singular) names.singular = requested.singular;
    if (!sameNames({ s: requested.shortNames }, { s: accepted.shortNames })) {
      const existing = new Set(accepted.shortNames ?? []);
      const errs = (requested.shortNames ?? [])
        .filter((s) => !existing.has(s))
        .map((s) => fresh(s, '', resources))
        .filter((e): e is string => !!e);
      if (errs.length) conflict('ShortNamesConflict', errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
      else names.shortNames = requested.shortNames;
    }
    err = fresh(requested.kind, accepted.kind, kinds);
    if (err) conflict('KindConflict', err);
    else names.kind = requested.kind;
    err = fresh(requested.listKind, accepted.listKind, kinds);
    if (err) conflict('ListKindConflict', err);
    else if (requested.listKind) names.listKind = requested.listKind;
    if (requested.categories?.length) names.categories = requested.categories;
    else delete names.categories;
    if (!names.shortNames?.length) delete names.shortNames;

    if (namesAccepted.status === 'Unknown')
      namesAccepted = {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
      };

    let established: Omit<CRDCondition, 'lastTransitionTime'> = findCondition(crd, 'Established') ?? {
      type: 'Established',
      status: 'False',
      reason: 'NotAccepted',
      message: 'not all names are accepted',
    };
    if (established.status !== 'True' && namesAccepted.status === 'True') {
      established = {
        type: 'Established',
        status: 'False',
        reason: 'Installing',
        message: 'the initial names have been accepted',
      };
    }
    return { names, namesAccepted, established };
  }
}
