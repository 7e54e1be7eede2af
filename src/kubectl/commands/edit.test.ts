import { describe, expect, it } from 'vitest';
import { Sandbox } from '../testing/harness';

/** kubectl's edit header (editoptions.go, editHeader.writeTo for the normal edit mode). */
const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** A sandbox whose editor applies `edits` in turn (undefined: closed without saving) and records what it was shown. */
async function withEditor(edits: ((text: string) => string | undefined)[]) {
  const s = new Sandbox();
  await s.run('create deployment web --image=nginx:1.27 --replicas=2');
  const shown: { text: string; file: string }[] = [];
  s.env.openEditor = async (text, file) => {
    shown.push({ text, file });
    const edit = edits.shift();
    return edit ? edit(text) : undefined;
  };
  return { s, shown };
}

describe('kubectl edit', () => {
  it('shows the object under kubectl’s header, in a temp file named like kubectl’s', async () => {
    const { s, shown } = await withEditor([]);
    const r = await s.run('edit deployment/web');
    expect(shown[0].text.startsWith(`${HEADER}apiVersion: apps/v1\nkind: Deployment\n`)).toBe(true);
    expect(shown[0].text).not.toContain('managedFields');
    expect(shown[0].file).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(r).toEqual({
      stdout: '',
      stderr: 'Edit cancelled, no changes made.\n',
      exitCode: 0,
    });
  });

  it('patches what was changed and prints "edited"', async () => {
    const { s } = await withEditor([(t) => t.replace('replicas: 2', 'replicas: 3')]);
    const r = await s.run('edit deploy web');
    expect(r).toEqual({
      stdout: 'deployment.apps/web edited\n',
      stderr: '',
      exitCode: 0,
    });
    expect((await s.run('get deploy web -o jsonpath={.spec.replicas}')).stdout).toBe('3');
  });

  it('--output-patch prints the strategic merge patch first', async () => {
    const { s } = await withEditor([(t) => t.replace('image: nginx:1.27', 'image: nginx:1.28')]);
    const r = await s.run('edit deploy web --output-patch');
    expect(r.stdout).toBe(
      'Patch: {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.28","name":"nginx"}]}}}}\ndeployment.apps/web edited\n',
    );
  });

  it('-o json edits JSON and prints the result as JSON', async () => {
    const { s, shown } = await withEditor([(t) => t.replace('"replicas": 2', '"replicas": 4')]);
    const r = await s.run('edit deploy web -o json');
    expect(shown[0].file).toMatch(/\.json$/);
    expect(shown[0].text.slice(HEADER.length, HEADER.length + 1)).toBe('{');
    expect(JSON.parse(r.stdout).spec.replicas).toBe(4);
  });

  it('reopens an invalid edit with the server’s reasons on top, and gives up when saved unchanged', async () => {
    const { s, shown } = await withEditor([(t) => t.replace('replicas: 2', 'replicas: -1'), (t) => t]);
    const r = await s.run('edit deploy web');
    expect(shown[1].text).toContain(
      `${HEADER}# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n`,
    );
    expect(shown[1].text).toContain('replicas: -1');
    expect(r.stderr).toMatch(
      /^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved.\n$/,
    );
    expect(r.exitCode).toBe(1);
  });

  it('a syntax error reopens the file with the error; fixing it saves', async () => {
    const { s, shown } = await withEditor([(t) => t.replace('replicas: 2', 'replicas: [2'), (t) => t.replace('replicas: [2', 'replicas: 5')]);
    const r = await s.run('edit deploy web');
    expect(shown[1].text).toMatch(/^# Please edit[\s\S]*# The edited file had a syntax error: /);
    expect(r).toEqual({
      stdout: 'deployment.apps/web edited\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('refuses a changed name', async () => {
    const { s } = await withEditor([(t) => t.replace('name: web\n  namespace', 'name: other\n  namespace')]);
    const r = await s.run('edit deploy web');
    expect(r.stderr).toMatch(/A copy of your changes has been stored to ".*"\nerror: At least one of apiVersion, kind and name was changed\n$/);
  });

  it('an emptied file cancels', async () => {
    const { s } = await withEditor([() => '# nothing\n']);
    expect((await s.run('edit deploy web')).stderr).toBe('Edit cancelled, saved file was empty.\n');
  });

  it('several objects are edited as one List', async () => {
    const { s, shown } = await withEditor([(t) => t.replaceAll('replicas: 2', 'replicas: 1')]);
    await s.run('create deployment api --image=nginx --replicas=2');
    const r = await s.run('edit deploy');
    expect(shown[0].text).toMatch(/^# Please[\s\S]*#\napiVersion: v1\nitems:\n- apiVersion: apps\/v1\n/);
    expect(shown[0].text.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(r.stdout).toBe('deployment.apps/api edited\ndeployment.apps/web edited\n');
  });

  it('without an editor says so as kubectl does when vi cannot start', async () => {
    const s = new Sandbox();
    await s.run('create deployment web --image=nginx');
    expect(await s.run('edit deploy web')).toEqual({
      stdout: '',
      stderr: 'error: unable to launch the editor "vi"\n',
      exitCode: 1,
    });
  });

  it('a missing object is the usual NotFound', async () => {
    const { s } = await withEditor([]);
    expect((await s.run('edit deploy nope')).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
