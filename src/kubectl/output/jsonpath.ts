import { CmdError } from '../errors';
import { goJson } from '../printers/json';
import { executeJsonPath, findJsonPathResults, JsonPathPrinterError, parseJsonPath } from '../printers/jsonpath';

/**
 * `-o jsonpath=…` (and `jsonpath-as-json`) of one object or a List. With asJson each
 * expression's results print as one indented JSON array, as kubectl's JSON output mode does.
 */
export function renderJsonPath(template: string, data: unknown, asJson: boolean, allowMissingKeys: boolean): string {
  const plain = JSON.parse(JSON.stringify(data));
  try {
    if (!asJson) return executeJsonPath(template, plain, { allowMissingKeys });
    let parsed: ReturnType<typeof parseJsonPath>;
    try {
      parsed = parseJsonPath(template);
    } catch (e) {
      throw new JsonPathPrinterError(`error parsing jsonpath ${template}, ${(e as Error).message}\n`);
    }
    return findJsonPathResults(parsed, plain, { allowMissingKeys })
      .map((group) => `${goJson(group, '    ')}\n`)
      .join('');
  } catch (e) {
    if (e instanceof JsonPathPrinterError) throw new CmdError(`error: ${e.message}`);
    throw e;
  }
}
