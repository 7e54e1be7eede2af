import type { KObject } from '../../engine/api/types';
import type { Ctx } from '../command';
import { printJson } from '../printers/json';
import { resourceName } from '../printers/name';
import { printYaml } from '../printers/yaml';
import type { Format } from './format';
import { renderGoTemplate } from './gotemplate';
import { renderJsonPath } from './jsonpath';
import { typedJson } from './typedorder';

/**
 * How commands that change objects (create, apply, label, scale …) print each one: by default
 * `deployment.apps/web created`, or the object in the -o format. Several YAML objects are
 * separated by `---` as kubectl's YAML printer does.
 */
export class ObjectPrinter {
  private printed = 0;

  constructor(
    private readonly ctx: Ctx,
    readonly format: Format,
  ) {}

  /** `typed`: the object is one kubectl built itself, so JSON keeps Go struct field order. */
  print(obj: KObject, operation: string, suffix = '', typed = false): void {
    const out = (s: string) => this.ctx.io.out(s);
    switch (this.format.type) {
      case 'name':
        out(`${resourceName(obj)}\n`);
        break;
      case 'json':
        out(typed ? typedJson(obj) : printJson(obj));
        break;
      case 'yaml':
        out(`${this.printed ? '---\n' : ''}${printYaml(obj)}`);
        break;
      case 'jsonpath':
        out(renderJsonPath(this.format.template, obj, this.format.asJson, allowMissing(this.ctx)));
        break;
      case 'go-template':
        out(renderGoTemplate(this.format.template, obj, allowMissing(this.ctx)));
        break;
      default:
        out(`${resourceName(obj)}${operation ? ` ${operation}` : ''}${suffix}\n`);
    }
    this.printed++;
  }

  /** Whether the format prints objects themselves (not `kind/name verb` lines). */
  get printsObjects(): boolean {
    return this.format.type !== 'default' && this.format.type !== 'name';
  }
}

export function allowMissing(ctx: Ctx): boolean {
  return ctx.flags.spec('allow-missing-template-keys') ? ctx.flags.bool('allow-missing-template-keys') : true;
}
