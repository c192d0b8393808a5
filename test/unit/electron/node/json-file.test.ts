// The careful reader: missing, valid, and damaged (kept aside under a dated name, never replaced).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../../../../electron/node/json-file';

const schema = z.object({ version: z.literal(1), name: z.string() });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-json-file-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('readJsonFile', () => {
  it('says missing for a file that does not exist', async () => {
    expect(await readJsonFile(join(dir, 'none.json'), schema)).toEqual({ status: 'missing' });
  });

  it('parses and validates a good file', async () => {
    const path = join(dir, 'good.json');
    await writeFile(path, '{"version": 1, "name": "x", "extra": true}');
    expect(await readJsonFile(path, schema)).toEqual({ status: 'ok', value: { version: 1, name: 'x' } });
  });

  it.each([
    ['not JSON', '{"version": 1,'],
    ['the wrong shape', '{"version": 2, "name": "x"}'],
  ])('keeps a file that is %s aside, content unchanged', async (_what, text) => {
    const path = join(dir, 'bad.json');
    await writeFile(path, text);
    const read = await readJsonFile(path, schema, () => new Date(1_700_000_000_000));
    expect(read).toEqual({ status: 'damaged', keptAs: `${path}.damaged-1700000000000` });
    expect(await readdir(dir)).toEqual(['bad.json.damaged-1700000000000']);
    expect(await readFile(`${path}.damaged-1700000000000`, 'utf8')).toBe(text);
  });

  it('throws for a file that exists but cannot be read', async () => {
    const path = join(dir, 'folder.json');
    await mkdir(path);
    await expect(readJsonFile(path, schema)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
