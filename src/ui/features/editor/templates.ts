/**
 * Starting points for the editor. Each is the command a learner would run to get one, and the
 * text is what the sandbox's kubectl prints for it, so the template is exactly kubectl's.
 */
export const TEMPLATES = [
  { kind: 'Deployment', command: 'kubectl create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml' },
  { kind: 'Service', command: 'kubectl create service clusterip web --tcp=80:80 --dry-run=client -o yaml' },
  { kind: 'Pod', command: 'kubectl run hello --image=nginx --dry-run=client -o yaml' },
  { kind: 'ConfigMap', command: 'kubectl create configmap app-config --from-literal=greeting=hello --dry-run=client -o yaml' },
  { kind: 'Job', command: 'kubectl create job pi --image=busybox --dry-run=client -o yaml -- sh -c "echo 3.14159"' },
] as const;

/** Add a document to the manifest: the first one as is, later ones after a `---` separator. */
export function appendDocument(text: string, doc: string): string {
  const body = doc.endsWith('\n') ? doc : `${doc}\n`;
  if (!text.trim()) return body;
  return `${text.endsWith('\n') ? text : `${text}\n`}---\n${body}`;
}
