import { describe, expect, it } from 'vitest';
import { PatchError, toStatusError, unsupportedPatchType } from './errors';

describe('Status answers', () => {
  it('a strategic merge patch on a custom resource: 415 naming the accepted types', () => {
    expect(toStatusError(unsupportedPatchType()).status).toEqual({
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      reason: 'UnsupportedMediaType',
      code: 415,
    });
  });
  it('an unclassified error: 500 without a reason', () => {
    const status = toStatusError(new PatchError('map: map[image:x] does not contain declared merge key: name')).status;
    expect(status).toEqual({
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      message: 'map: map[image:x] does not contain declared merge key: name',
      code: 500,
    });
  });
});
