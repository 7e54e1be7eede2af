// Monaco, slim: the editor with its contributions and YAML only (never the whole package, which
// brings every language and the TypeScript worker). Loaded only when the editor is first opened.
import 'monaco-editor/esm/vs/editor/edcore.main';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import { configureMonacoYaml, type MonacoYamlOptions } from 'monaco-yaml';
import type { CustomKind } from './schemas/convert';
import { editorSchema, SCHEMA_URI } from './schemas/load';

window.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'yaml') return new Worker(new URL('./yaml.worker.ts', import.meta.url), { type: 'module', name: 'yaml' });
    return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: 'editor' });
  },
};

const options = (custom: CustomKind[]): MonacoYamlOptions => ({
  enableSchemaRequest: false,
  validate: true,
  format: {},
  hover: true,
  // The schema is the sandbox's own: naming its file in every hover says nothing to a learner.
  hoverSchemaSource: false,
  completion: true,
  // Every document of every model: the schema picks the kind's definition from apiVersion and kind.
  schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema: editorSchema(custom) as never }],
});

const yaml = configureMonacoYaml(monaco, options([]));
let customKey = '';

/** Custom kinds from established CRDs join the schema (only when they changed: the worker re-reads it). */
export function setCustomKinds(custom: CustomKind[]): void {
  const key = JSON.stringify(custom);
  if (key === customKey) return;
  customKey = key;
  void yaml.update(options(custom));
}

export { monaco };
