/**
 * Starting points for the editor. Each is the command a learner would run to get one, and the
 * text is what the sandbox's kubectl prints for it, so the template is exactly kubectl's.
 */
export const TEMPLATES = [
  { kind: 'Deployment', command: 'kubectl create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml' },
  { kind: 'Service', command: 'kubectl create service clusterip web --tcp=80:80 --dry-run=client -o yaml' },
  { kind: 'Service (NodePort)', command: 'kubectl create service nodeport web --tcp=80:80 --dry-run=client -o yaml' },
  { kind: 'Pod', command: 'kubectl run hello --image=nginx --dry-run=client -o yaml' },
  { kind: 'ConfigMap', command: 'kubectl create configmap app-config --from-literal=greeting=hello --dry-run=client -o yaml' },
  { kind: 'Secret', command: 'kubectl create secret generic app-secret --from-literal=password=s3cret --dry-run=client -o yaml' },
  { kind: 'Job', command: 'kubectl create job pi --image=busybox --dry-run=client -o yaml -- sh -c "echo 3.14159"' },
  { kind: 'CronJob', command: 'kubectl create cronjob tick --image=busybox --schedule="*/5 * * * *" --dry-run=client -o yaml -- date' },
  { kind: 'Namespace', command: 'kubectl create namespace team-a --dry-run=client -o yaml' },
  { kind: 'Ingress', command: 'kubectl create ingress web --rule=shop.example.com/=web:80 --dry-run=client -o yaml' },
  { kind: 'ServiceAccount', command: 'kubectl create serviceaccount app --dry-run=client -o yaml' },
  { kind: 'Role', command: 'kubectl create role pod-reader --verb=get,list,watch --resource=pods --dry-run=client -o yaml' },
  { kind: 'RoleBinding', command: 'kubectl create rolebinding read-pods --role=pod-reader --serviceaccount=default:app --dry-run=client -o yaml' },
  { kind: 'PodDisruptionBudget', command: 'kubectl create poddisruptionbudget web --selector=app=web --min-available=1 --dry-run=client -o yaml' },
  { kind: 'ResourceQuota', command: 'kubectl create quota small --hard=pods=10,requests.cpu=2 --dry-run=client -o yaml' },
  { kind: 'PriorityClass', command: 'kubectl create priorityclass high --value=1000 --dry-run=client -o yaml' },
] as const;

/** Add a document to the manifest: the first one as is, later ones after a `---` separator. */
export function appendDocument(text: string, doc: string): string {
  const body = doc.endsWith('\n') ? doc : `${doc}\n`;
  if (!text.trim()) return body;
  return `${text.endsWith('\n') ? text : `${text}\n`}---\n${body}`;
}
