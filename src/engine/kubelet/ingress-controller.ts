import type { PlanEvent, ProgramPlan } from './programs';

/** The release of ingress-nginx's controller that the add-on installs (kind's manifest of controller-v1.12.1). */
export const INGRESS_NGINX_RELEASE = 'v1.12.1';

const log = (at: number, text: string, stream: 'stdout' | 'stderr' = 'stderr'): PlanEvent => ({ at, type: 'log', stream, text });
const listen = (at: number, port: number, http?: string): PlanEvent => ({ at, type: 'listen', listener: { port, protocol: 'TCP', http } });

/**
 * ingress-nginx's `/nginx-ingress-controller`: it prints its banner, serves its health check on
 * 10254, starts nginx on 80 and 443 and the validating webhook on 8443. What nginx answers on
 * 80/443 is decided by the network model from the Ingresses of the controller's class.
 */
export function ingressControllerPlan(): ProgramPlan {
  return {
    program: 'nginx-ingress-controller',
    events: [
      log(10, '-------------------------------------------------------------------------------', 'stdout'),
      log(10, 'NGINX Ingress controller', 'stdout'),
      log(10, `  Release:       ${INGRESS_NGINX_RELEASE}`, 'stdout'),
      log(10, '  Build:         git-1.12.1', 'stdout'),
      log(10, '  Repository:    https://github.com/kubernetes/ingress-nginx', 'stdout'),
      log(10, '  nginx version: nginx/1.25.5', 'stdout'),
      log(10, '', 'stdout'),
      log(10, '-------------------------------------------------------------------------------', 'stdout'),
      log(20, 'I0106 {klogtime}       7 main.go:205] "Creating API client" host="https://10.96.0.1:443"'),
      log(120, 'I0106 {klogtime}       7 main.go:248] "Running in Kubernetes cluster" major="1" minor="32" git="v1.32.0" state="clean" commit="70d3cc986aa8221cd1dfb1121852688902d3bf53" platform="linux/amd64"'),
      listen(300, 10254, 'healthz'),
      log(400, 'I0106 {klogtime}       7 nginx.go:273] "Starting NGINX Ingress controller"'),
      listen(900, 80),
      listen(900, 443),
      listen(900, 8443),
      log(900, 'I0106 {klogtime}       7 controller.go:193] "Configuration changes detected, backend reload required"'),
      log(1000, 'I0106 {klogtime}       7 controller.go:213] "Backend successfully reloaded"'),
      log(1000, 'I0106 {klogtime}       7 leaderelection.go:257] attempting to acquire leader lease ingress-nginx/ingress-nginx-leader...'),
      log(1100, 'I0106 {klogtime}       7 leaderelection.go:271] successfully acquired lease ingress-nginx/ingress-nginx-leader'),
    ],
    onTerm: { afterMs: 100, code: 0 },
  };
}
