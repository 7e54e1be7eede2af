import { beforeAll, describe, expect, it } from 'vitest';
import type { TerminalSession } from '../env';
import { Sandbox } from '../testing/harness';

/**
 * Commands that talk to the cluster. The expected texts are kubectl v1.32's own wording (its
 * source and the Kubernetes documentation), not this implementation's output.
 */
type Case = [line: string, want: { stdout?: string | RegExp; stderr?: string | RegExp; exitCode?: number }];

async function check(s: Sandbox, [line, want]: Case): Promise<void> {
  const r = await s.run(line);
  const match = (got: string, w: string | RegExp | undefined) => {
    if (w === undefined) return;
    if (typeof w === 'string') expect(got).toBe(w);
    else expect(got).toMatch(w);
  };
  match(r.stdout, want.stdout);
  match(r.stderr, want.stderr);
  expect(r.exitCode, `${line}\n${r.stderr}`).toBe(want.exitCode ?? 0);
}

/** Runs the cases in order against one cluster (later cases see what earlier ones did). */
function sequence(title: string, cases: (Case | ((s: Sandbox) => void))[], files: Record<string, string> = {}): void {
  describe(title, () => {
    const s = new Sandbox();
    for (const [path, text] of Object.entries(files)) s.files.set(path, text);
    let step = 0;
    for (const c of cases) {
      step++;
      if (typeof c === 'function') {
        it(`step ${step}: advance`, () => c(s));
        continue;
      }
      it(`step ${step}: kubectl ${c[0]}`, () => check(s, c));
    }
  });
}

// The Deployment of the Kubernetes documentation, offered as manifests/web.yaml.
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports: [{containerPort: 80}]
`;

const advance = (ms: number) => (s: Sandbox) => s.advance(ms);

sequence('get', [
  ['get pods', { stdout: '', stderr: 'No resources found in default namespace.\n' }],
  ['get pods -n kube-public', { stderr: 'No resources found in kube-public namespace.\n' }],
  ['get pods -o name', { stdout: '', stderr: '' }],
  ['get nodes -o name', { stdout: 'node/control-plane\nnode/worker-1\nnode/worker-2\nnode/worker-3\n' }],
  ['get nodes', { stdout: /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\ncontrol-plane\s+Ready\s+control-plane\s/ }],
  ['get foo', { stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 }],
  ['get pod a b', { stderr: 'Error from server (NotFound): pods "a" not found\nError from server (NotFound): pods "b" not found\n', exitCode: 1 }],
  ['get pod a --ignore-not-found', { stdout: '', stderr: '' }],
  ['get pod x -A', { stderr: 'error: a resource cannot be retrieved by name across all namespaces\n', exitCode: 1 }],
  [
    'get pods/x svc',
    {
      stderr:
        "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
      exitCode: 1,
    },
  ],
  ['get sa,cm', { stdout: /^NAME\s+SECRETS\s+AGE\nserviceaccount\/default\s+0\s+\S+\n\nNAME\s+DATA\s+AGE\nconfigmap\/kube-root-ca.crt\s+1\s+\S+\n$/ }],
  ['get all', { stdout: /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nservice\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s/ }],
  ['get ns default -o jsonpath={.status.phase}', { stdout: 'Active' }],
  ['get cm -o yaml', { stdout: /^apiVersion: v1\nitems:\n- apiVersion: v1\n[\s\S]*kind: List\nmetadata:\n {2}resourceVersion: ""\n$/ }],
  ['get nodes --sort-by=.metadata.name -o custom-columns=N:.metadata.name --no-headers', { stdout: 'control-plane\nworker-1\nworker-2\nworker-3\n' }],
]);

sequence('create, label, annotate, patch, scale, delete', [
  ['create deployment web --image=nginx', { stdout: 'deployment.apps/web created\n' }],
  ['create deployment web --image=nginx', { stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n', exitCode: 1 }],
  ['create namespace team-a', { stdout: 'namespace/team-a created\n' }],
  ['create namespace team-a', { stderr: 'Error from server (AlreadyExists): namespaces "team-a" already exists\n', exitCode: 1 }],
  ['create configmap c --from-literal=k=v', { stdout: 'configmap/c created\n' }],
  ['label cm c environment=qa', { stdout: 'configmap/c labeled\n' }],
  ['label cm c environment=prod', { stderr: "error: 'environment' already has a value (qa), and --overwrite is false\n", exitCode: 1 }],
  ['label cm c environment=prod --overwrite', { stdout: 'configmap/c labeled\n' }],
  ['label cm c environment-', { stdout: 'configmap/c unlabeled\n' }],
  ['annotate cm c note=hello', { stdout: 'configmap/c annotated\n' }],
  [
    'annotate cm c note=bye',
    { stderr: "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n", exitCode: 1 },
  ],
  [`patch cm c -p '{"data":{"k":"v2"}}'`, { stdout: 'configmap/c patched\n' }],
  [`patch cm c -p '{"data":{"k":"v2"}}'`, { stdout: 'configmap/c patched (no change)\n' }],
  ['patch cm c --type=foo -p {}', { stderr: 'error: --type must be one of [json merge strategic], not "foo"\n', exitCode: 1 }],
  ['scale deployment web --replicas=3', { stdout: 'deployment.apps/web scaled\n' }],
  ['scale deployment web --replicas=2 --current-replicas=5', { stderr: 'error: Expected replicas to be 5, was 3\n', exitCode: 1 }],
  ['delete pod nope', { stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 }],
  ['delete deployment web', { stdout: 'deployment.apps "web" deleted\n' }],
  ['delete cm c', { stdout: 'configmap "c" deleted\n' }],
  ['delete pods --all -n team-a', { stdout: 'No resources found\n' }],
  ['delete namespace team-a', { stdout: 'namespace "team-a" deleted\n' }],
  ['get namespace team-a', { stderr: 'Error from server (NotFound): namespaces "team-a" not found\n', exitCode: 1 }],
]);

sequence('nodes: cordon, taint, drain', [
  ['cordon worker-1', { stdout: 'node/worker-1 cordoned\n' }],
  ['cordon worker-1', { stdout: 'node/worker-1 already cordoned\n' }],
  ['uncordon worker-1', { stdout: 'node/worker-1 uncordoned\n' }],
  ['cordon nope', { stderr: 'Error from server (NotFound): nodes "nope" not found\n', exitCode: 1 }],
  ['taint nodes worker-1 dedicated=gpu:NoSchedule', { stdout: 'node/worker-1 tainted\n' }],
  [
    'taint nodes worker-1 dedicated=cpu:NoSchedule',
    { stderr: 'error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n', exitCode: 1 },
  ],
  ['taint nodes worker-1 dedicated=cpu:NoSchedule --overwrite', { stdout: 'node/worker-1 modified\n' }],
  ['taint nodes worker-1 dedicated-', { stdout: 'node/worker-1 untainted\n' }],
  ['taint nodes worker-1 dedicated-', { stderr: 'error: taint "dedicated" not found\n', exitCode: 1 }],
  ['taint nodes worker-1 key=value:Bad', { stderr: "error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n", exitCode: 1 }],
  ['taint pods x key=value:NoSchedule', { stderr: 'error: invalid resource type pods, only node types are supported\n', exitCode: 1 }],
  ['cordon worker-1', { stdout: 'node/worker-1 cordoned\n' }],
  ['cordon worker-3', { stdout: 'node/worker-3 cordoned\n' }],
  ['create deployment web --image=nginx --replicas=3', { stdout: 'deployment.apps/web created\n' }],
  advance(60_000),
  ['uncordon worker-1', { stdout: 'node/worker-1 uncordoned\n' }],
  ['uncordon worker-3', { stdout: 'node/worker-3 uncordoned\n' }],
  ['create pdb web-pdb --selector=app=web --min-available=3', { stdout: 'poddisruptionbudget.policy/web-pdb created\n' }],
  advance(10_000),
  ['drain worker-2', { stderr: /^error: unable to drain node "worker-2" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/\S+, kube-system\/\S+, continuing command\.\.\.\nThere are pending nodes to be drained:\n worker-2\ncannot delete DaemonSet-managed Pods/, exitCode: 1 }],
  [
    'drain worker-2 --ignore-daemonsets --timeout=10s',
    {
      // The web pods stay (the budget allows no disruption); another pod on the node (a coredns replica) may go.
      stdout: /^node\/worker-2 already cordoned\n(evicting pod default\/web-\S+\n|evicting pod kube-system\/\S+\n|pod\/\S+ evicted\n)+$/,
      stderr:
        /^Warning: ignoring DaemonSet-managed Pods: [^\n]+\nerror when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n[\s\S]*There are pending pods in node "worker-2" when an error occurred: [\s\S]*global timeout reached: 10s[\s\S]*There are pending nodes to be drained:\n worker-2\n/,
      exitCode: 1,
    },
  ],
  [`patch pdb web-pdb --type=merge -p '{"spec":{"minAvailable":2}}'`, { stdout: 'poddisruptionbudget.policy/web-pdb patched\n' }],
  ['drain worker-2 --ignore-daemonsets --timeout=5m', { stdout: /(pod\/web-\S+ evicted\n[\s\S]*){3}node\/worker-2 drained\n$/ }],
  ['get pods -l app=web --field-selector spec.nodeName=worker-2 -o name', { stdout: '' }],
]);

sequence('apply, expose, rollout, wait, describe', [
  ['apply -f manifests/web.yaml', { stdout: 'deployment.apps/web created\n' }],
  ['apply -f manifests/web.yaml', { stdout: 'deployment.apps/web unchanged\n' }],
  ['rollout status deploy/web --timeout=2m', { stdout: /deployment "web" successfully rolled out\n$/ }],
  ['expose deployment web --port=80', { stdout: 'service/web exposed\n' }],
  ['get svc web', { stdout: /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nweb\s+ClusterIP\s+10\.\S+\s+<none>\s+80\/TCP\s/ }],
  ['set image deployment/web nginx=nginx:1.16.1', { stdout: 'deployment.apps/web image updated\n' }],
  ['rollout status deployment/web --timeout=3m', { stdout: /Waiting for deployment "web" rollout to finish: [\s\S]*deployment "web" successfully rolled out\n$/ }],
  ['rollout history deployment/web', { stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n' }],
  ['rollout undo deployment/web --to-revision=7', { stderr: 'error: unable to find specified revision 7 in history\n', exitCode: 1 }],
  ['rollout undo deployment/web', { stdout: 'deployment.apps/web rolled back\n' }],
  ['rollout pause deployment/web', { stdout: 'deployment.apps/web paused\n' }],
  ['rollout pause deployment/web', { stdout: 'deployment.apps/web already paused\n' }],
  ['rollout resume deployment/web', { stdout: 'deployment.apps/web resumed\n' }],
  ['wait --for=condition=Available deployment/web --timeout=2m', { stdout: 'deployment.apps/web condition met\n' }],
  ['wait --for=foo deployment/web', { stderr: 'error: unrecognized condition: "foo"\n', exitCode: 1 }],
  ['describe deployment web', { stdout: /^Name:\s+web\nNamespace:\s+default\nCreationTimestamp:\s+\w{3}, \d\d \w{3} \d{4} [\d:]{8} \+0000\nLabels:\s+app=web\n/ }],
  ['describe pod nope', { stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 }],
  ['explain deployment.spec.replicas', { stdout: /^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n {4}/ }],
  ['explain deployment.spec.nope', { stderr: 'error: field "nope" does not exist\n', exitCode: 1 }],
  ['auth can-i create deployments', { stdout: 'yes\n' }],
  ['events --types=Foo', { stderr: 'error: valid --types are Normal or Warning\n', exitCode: 1 }],
], { 'manifests/web.yaml': WEB });

// The Pod of the Kubernetes documentation, and the same Pod with a newer image.
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.14.2\n';
const POD2 = POD.replace('1.14.2', '1.16.1');

sequence(
  'replace, autoscale, set, create token and ingress, describe',
  [
    ['replace -f pod.yaml', { stderr: 'Error from server (NotFound): error when replacing "pod.yaml": pods "p" not found\n', exitCode: 1 }],
    ['create -f pod.yaml', { stdout: 'pod/p created\n' }],
    ['replace --grace-period=3 -f pod2.yaml', { stderr: 'error: --grace-period must have --force specified\n', exitCode: 1 }],
    ['replace --force -f pod2.yaml', { stdout: 'pod "p" deleted\npod/p replaced\n' }],
    ['get pod p -o jsonpath={.spec.containers[0].image}', { stdout: 'nginx:1.16.1' }],
    ['create deployment web --image=nginx', { stdout: 'deployment.apps/web created\n' }],
    ['autoscale deployment web --min=2 --max=5 --cpu-percent=70', { stdout: 'horizontalpodautoscaler.autoscaling/web autoscaled\n' }],
    ['get hpa web -o jsonpath={.spec.maxReplicas}', { stdout: '5' }],
    ['autoscale deployment web --max=1 --min=3', { stderr: 'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 3\n', exitCode: 1 }],
    [
      'autoscale pod p --max=3',
      { stderr: 'error: cannot autoscale a Pod: could not find scale subresource for /v1, Resource=pods in discovery information\n', exitCode: 1 },
    ],
    ['describe hpa web', { stdout: /\nReference:\s+Deployment\/web\n[\s\S]*\nMin replicas:\s+2\nMax replicas:\s+5\n/ }],
    ['set serviceaccount deployment web robot', { stdout: 'deployment.apps/web serviceaccount updated\n' }],
    ['get deploy web -o jsonpath={.spec.template.spec.serviceAccountName}', { stdout: 'robot' }],
    ['expose deployment web --port=80', { stdout: 'service/web exposed\n' }],
    ['set selector service web app=other', { stdout: 'service/web selector updated\n' }],
    ['set selector deployment web app=other', { stderr: 'error: setting a selector is only supported for Services\n', exitCode: 1 }],
    ['create rolebinding rb --clusterrole=view --user=alice', { stdout: 'rolebinding.rbac.authorization.k8s.io/rb created\n' }],
    ['set subject rolebinding rb --user=bob', { stdout: 'rolebinding.rbac.authorization.k8s.io/rb subjects updated\n' }],
    ['set subject rolebinding rb --user=bob', { stdout: '' }],
    ['describe rolebinding rb', { stdout: /\nRole:\n {2}Kind: {2}ClusterRole\n {2}Name: {2}view\nSubjects:\n {2}Kind +Name +Namespace\n {2}-+ +-+ +-+\n {2}User +alice +\n {2}User +bob +\n$/ }],
    ['create token default', { stdout: /^eyJhbGciOiJSUzI1NiIs[\w-]+\.[\w-]+\.[\w-]+\n$/ }],
    ['create token nope', { stderr: 'error: failed to create token: serviceaccounts "nope" not found\n', exitCode: 1 }],
    ['create ingress web --rule=foo.com/=web:80', { stdout: 'ingress.networking.k8s.io/web created\n' }],
    ['describe ingress web', { stdout: /\nIngress Class: +<none>\nDefault backend: +<default>\nRules:\n {2}Host +Path +Backends\n {2}-+ +-+ +-+\n {2}foo\.com +\n +\/ +web:80 \(/ }],
  ],
  { 'pod.yaml': POD, 'pod2.yaml': POD2 },
);

// A client-certificate request as the Kubernetes documentation writes one (the CSR text shortened).
const CSR = `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: jane
spec:
  request: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K
  signerName: kubernetes.io/kube-apiserver-client
  usages: [client auth]
`;

sequence(
  'certificate approve and deny',
  [
    ['apply -f csr.yaml', { stdout: 'certificatesigningrequest.certificates.k8s.io/jane created\n' }],
    ['certificate approve jane', { stdout: 'certificatesigningrequest.certificates.k8s.io/jane approved\n' }],
    ['get csr jane -o jsonpath={.status.conditions[0].reason}', { stdout: 'KubectlApprove' }],
    ['certificate deny jane', { stderr: 'error: certificate signing request "jane" is already Approved\n', exitCode: 1 }],
    ['certificate approve nope', { stderr: 'Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\n', exitCode: 1 }],
  ],
  { 'csr.yaml': CSR },
);

sequence(
  'diff',
  [
    ['diff', { stderr: 'error: must specify one of -f and -k\n', exitCode: 2 }],
    ['diff x', { stderr: "error: Unexpected args: [x]\nSee 'kubectl diff -h' for help and examples\n", exitCode: 2 }],
    ['diff -f nope.yaml', { stderr: 'error: the path "nope.yaml" does not exist\n', exitCode: 2 }],
    [
      'diff -f manifests/web.yaml',
      {
        stdout:
          /^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\n--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n\+\+\+ [^\n]+\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1\n/,
        exitCode: 1,
      },
    ],
    ['apply -f manifests/web.yaml', { stdout: 'deployment.apps/web created\n' }],
    ['diff -f manifests/web.yaml', { stdout: '' }],
    ['diff -f manifests/web2.yaml', { stdout: /\n- {2}replicas: 2\n\+ {2}replicas: 3\n/, exitCode: 1 }],
  ],
  { 'manifests/web.yaml': WEB, 'manifests/web2.yaml': WEB.replace('replicas: 2', 'replicas: 3') },
);

sequence('get --watch', [
  ['get pods,svc -w', { stderr: 'error: you may only specify a single resource type\n', exitCode: 1 }],
  ['get pods -w', { stdout: '' }],
  ['create deployment web --image=nginx', { stdout: 'deployment.apps/web created\n' }],
  // The list first, then one row per change; widths only grow, the header is printed once.
  [
    'get pods -w',
    { stdout: /^NAME +READY +STATUS +RESTARTS +AGE\n(web-\S+ +0\/1 +(Pending|ContainerCreating) +0 +\d+s\n)+(web-\S+ +1\/1 +Running +0 +\d+s\n)$/ },
  ],
  ['get deploy web -w --request-timeout=5s', { stdout: /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +1\/1 +1 +1 +\d+s\n$/ }],
  ['scale deploy web --replicas=2', { stdout: 'deployment.apps/web scaled\n' }],
  ['get pods -w --output-watch-events', { stdout: /^EVENT +NAME +READY +STATUS +RESTARTS +AGE\n(ADDED +web-\S+ +\S+ +\S+ +0 +\S+\n){2}(MODIFIED +web-[^\n]+\n)+$/ }],
]);

sequence('auth can-i and describe of RBAC objects', [
  ['create serviceaccount viewer', { stdout: 'serviceaccount/viewer created\n' }],
  ['create role r --verb=get,list --resource=pods,deployments.apps', { stdout: 'role.rbac.authorization.k8s.io/r created\n' }],
  ['create rolebinding rb --role=r --serviceaccount=default:viewer', { stdout: 'rolebinding.rbac.authorization.k8s.io/rb created\n' }],
  ['auth can-i list pods --as=system:serviceaccount:default:viewer', { stdout: 'yes\n' }],
  ['auth can-i delete pods --as=system:serviceaccount:default:viewer', { stdout: 'no\n', exitCode: 1 }],
  [
    'auth can-i --list --as=system:serviceaccount:default:viewer',
    { stdout: /^Resources +Non-Resource URLs +Resource Names +Verbs\n[\s\S]*\npods +\[\] +\[\] +\[get list\]\ndeployments\.apps +\[\] +\[\] +\[get list\]\n/ },
  ],
  [
    'describe role r',
    {
      stdout:
        'Name:         r\nLabels:       <none>\nAnnotations:  <none>\nPolicyRule:\n  Resources         Non-Resource URLs  Resource Names  Verbs\n  ---------         -----------------  --------------  -----\n  pods              []                 []              [get list]\n  deployments.apps  []                 []              [get list]\n',
    },
  ],
]);

// A StatefulSet as the Kubernetes documentation's tutorials write one, cut down.
const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: c
        image: nginx:1.14.2
`;

sequence(
  'rollout undo of a StatefulSet',
  [
    ['apply -f sts.yaml', { stdout: 'statefulset.apps/db created\n' }],
    advance(20_000),
    ['rollout undo sts/db', { stderr: 'error: no last revision to roll back to\n', exitCode: 1 }],
    ['set image sts/db c=nginx:1.16.1', { stdout: 'statefulset.apps/db image updated\n' }],
    advance(30_000),
    ['rollout status sts/db --timeout=1m', { stdout: 'partitioned roll out complete: 1 new pods have been updated...\n' }],
    ['rollout undo sts/db --to-revision=9', { stderr: 'error: unable to find specified revision 9 in history\n', exitCode: 1 }],
    ['rollout undo sts/db --dry-run=client', { stdout: /^statefulset\.apps\/db will roll back to Pod Template:\n[\s\S]*Image: +nginx:1\.14\.2\n[\s\S]* \(dry run\)\n$/ }],
    ['rollout undo sts/db', { stdout: 'statefulset.apps/db rolled back\n' }],
    ['get sts db -o jsonpath={.spec.template.spec.containers[0].image}', { stdout: 'nginx:1.14.2' }],
    ['rollout undo sts/db --to-revision=3', { stdout: 'statefulset.apps/db skipped rollback (current template already matches revision 3)\n' }],
  ],
  { 'sts.yaml': STS },
);

describe('manifests from files and folders', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = new Sandbox();
    s.files.set('dir/a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    s.files.set('dir/b.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}');
    s.files.set('dir/notes.txt', 'not a manifest');
  });
  it('applies the .yaml and .json files of a folder', () => check(s, ['apply -f dir', { stdout: 'configmap/a created\nconfigmap/b created\n' }]));
  it('names a missing path', () => check(s, ['apply -f nope.yaml', { stderr: 'error: the path "nope.yaml" does not exist\n', exitCode: 1 }]));
});

describe('exec -it with a terminal that can drive a shell', () => {
  it('hands the shell to the terminal, which keeps it between lines', async () => {
    const s = new Sandbox();
    const sessions: TerminalSession[] = [];
    s.env.openTerminal = (session) => sessions.push(session);
    await check(s, ['run web --image=nginx', { stdout: 'pod/web created\n' }]);
    s.advance(30_000);
    await check(s, ['exec -it web -- sh', { stdout: '', stderr: '' }]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].input('cd /tmp; echo hi > f')).toMatchObject({ exitCode: 0, closed: false });
    expect(sessions[0].input('pwd; cat f')).toMatchObject({ stdout: '/tmp\nhi\n', exitCode: 0, closed: false });
    expect(sessions[0].input('exit 3')).toMatchObject({ exitCode: 3, closed: true });
  });

  it('runs other commands as a plain exec', async () => {
    const s = new Sandbox();
    s.env.openTerminal = () => {
      throw new Error('not a shell');
    };
    await check(s, ['run web --image=nginx', { stdout: 'pod/web created\n' }]);
    s.advance(30_000);
    await check(s, ['exec -it web -- cat /etc/hostname', { stdout: 'web\n' }]);
  });
});
