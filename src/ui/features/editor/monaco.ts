// Monaco, slim: the editor with its contributions and YAML only (never the whole package, which
// brings every language and the TypeScript worker). Loaded only when the editor is first opened.
import 'monaco-editor/esm/vs/editor/edcore.main';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import { configureMonacoYaml } from 'monaco-yaml';

window.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'yaml') return new Worker(new URL('./yaml.worker.ts', import.meta.url), { type: 'module', name: 'yaml' });
    return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: 'editor' });
  },
};

configureMonacoYaml(monaco, { enableSchemaRequest: false, validate: true, format: {}, hover: true, completion: true, schemas: [] });

export { monaco };
