// Schema files stay inside the chosen folder with a name every system accepts; typed folders are plain paths.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkTypedFolder, schemaPathIn, unsafeCollectionReason } from '../../../../electron/services/schema-path';

const folder = join('/', 'plans', 'tracking');

describe('schema file names', () => {
  it('writes <collection>.schema.json directly in the folder', () => {
    expect(schemaPathIn(folder, 'purchases')).toBe(join(folder, 'purchases.schema.json'));
    expect(schemaPathIn(folder, 'page views-2')).toBe(join(folder, 'page views-2.schema.json'));
  });

  it.each([
    ['..', /cannot contain \.\./],
    ['../../etc/passwd', /cannot be a file name|cannot contain/],
    ['a..b', /cannot contain \.\./],
    ['sub/dir', /no \//],
    ['sub\\dir', /cannot be a file name/],
    ['c:evil', /cannot be a file name/],
    ['tab\there', /control characters/],
    ['nul\u0000byte', /control characters/],
    ['CON', /reserved device name/],
    ['lpt1.txt', /reserved device name/],
    ['trailing.', /end with a dot/],
    ['trailing ', /end with a dot or a space/],
    ['$system', /reserved/],
    ['', /1 to 200/],
    ['x'.repeat(201), /1 to 200/],
  ])('refuses %j', (collection, reason) => {
    expect(unsafeCollectionReason(collection)).toMatch(reason);
    expect(() => schemaPathIn(folder, collection)).toThrow(/A schema cannot be saved for collection/);
  });

  it('takes a typed folder only as a plain absolute path', () => {
    expect(checkTypedFolder('/plans/tracking/')).toBe('/plans/tracking');
    expect(() => checkTypedFolder('plans/tracking')).toThrow(/absolute path/);
    expect(() => checkTypedFolder('/plans/../etc')).toThrow(/\.\. segments/);
    expect(() => checkTypedFolder('/plans/./x')).toThrow(/\.\. segments/);
    expect(() => checkTypedFolder('/plans\n/x')).toThrow(/control characters/);
  });
});
