import explain from '../../../../kubectl/explain/schemas.json';
import { type CustomKind, type ExplainData, type JsonSchema, manifestSchema } from './convert';

/** Where the editor's schema lives for monaco-yaml (a name only: nothing is fetched). */
export const SCHEMA_URI = 'kube-sandbox://schemas/kubernetes.json';

/** The editor's schema: every built-in kind, plus the custom kinds established CRDs serve. */
export function editorSchema(custom: CustomKind[] = []): JsonSchema {
  return manifestSchema(explain as unknown as ExplainData, custom);
}
