import type { PodSpec } from 'kubernetes-types/core/v1';
import type { Command } from '../../command';
import { ErrorList } from '../../errors';
import { help as imageHelp } from '../../help/set-image';
import { splitResourcesAndPairs } from '../metadata';
import { allContainers, podSpecChange, runSet } from './run';

export const imageCommand: Command = {
  name: 'image',
  help: imageHelp,
  run(ctx) {
    const { resources, pairs } = splitResourcesAndPairs(ctx.args, 'image');
    const images: Record<string, string> = {};
    const invalid: string[] = [];
    for (const p of pairs) {
      const i = p.indexOf('=');
      if (i > 0) images[p.slice(0, i)] = p.slice(i + 1);
      else invalid.push(p);
    }
    if (invalid.length) throw new Error(`invalid image format: ${invalid.join(', ')}`);
    // kubectl finds the objects first, then checks the rest of the request.
    const validate = () => {
      const problems: Error[] = [];
      if (ctx.flags.bool('all') && ctx.flags.string('selector')) problems.push(new Error('cannot set --all and --selector at the same time'));
      if (!resources.length && !ctx.flags.strings('filename').length) {
        problems.push(new Error('one or more resources must be specified as <resource> <name> or <resource>/<name>'));
      }
      if (!Object.keys(images).length) problems.push(new Error('at least one image update is required'));
      else if (Object.keys(images).length > 1 && '*' in images) {
        problems.push(new Error('all containers are already specified by *, but saw more than one container_name=container_image pairs'));
      }
      if (problems.length) throw problems.length === 1 ? problems[0] : new ErrorList(problems);
    };
    const change = (spec: PodSpec) => {
      const errors: Error[] = [];
      for (const [name, image] of Object.entries(images)) {
        let found = false;
        for (const c of allContainers(spec)) {
          if (c.name === name || name === '*') {
            c.image = image;
            found = true;
          }
        }
        if (!found) errors.push(new Error(`error: unable to find container named "${name}"`));
      }
      return errors;
    };
    runSet(ctx, resources, {
      ...podSpecChange('image updated', change, (m) => `failed to patch image update to pod template: ${m}`),
      validate,
    });
  },
};
