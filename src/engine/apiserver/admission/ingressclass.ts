import type { Ingress } from 'kubernetes-types/networking/v1';
import { compareGoStrings } from '../../api/names';
import type { AdmissionPlugin } from './types';

const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS = 'kubernetes.io/ingress.class';

/**
 * DefaultIngressClass: a new Ingress that names no class (neither spec.ingressClassName nor the
 * legacy annotation) gets the IngressClass marked default; of several, the newest (then by name).
 */
export const defaultIngressClassAdmission: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  admit(req, api) {
    if (req.operation !== 'CREATE' || req.subresource || req.resource.group !== 'networking.k8s.io' || req.resource.plural !== 'ingresses') return;
    const ing = req.object as Ingress;
    if (ing.spec?.ingressClassName != null || ing.metadata?.annotations?.[LEGACY_CLASS] !== undefined) return;
    const marked = api.store.list('networking.k8s.io/ingressclasses').filter((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true');
    marked.sort((a, b) => {
      const t = Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp);
      return t !== 0 ? t : compareGoStrings(a.metadata.name, b.metadata.name);
    });
    const name = marked[0]?.metadata.name;
    if (name) ing.spec = { ...ing.spec, ingressClassName: name };
  },
};
