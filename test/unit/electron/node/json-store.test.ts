// The one JSON store: validated reads, immutable updates written atomically before memory changes, a damaged
// file kept aside, and a failed write leaving memory and disk as they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createJsonStore, JsonStoreError } from '../../../../electron/node/json-store';

const schema = z.object({ version: z.literal(1), items: z.array(z.string()) });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-json-store-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const open = (path: string, mode?: number) =>
  createJsonStore({ path, schema, initial: { version: 1, items: [] }, ...(mode !== undefined ? { mode } : {}) });
const onDisk = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

describe('json store', () => {
  it('starts from the initial value without writing, then persists each update', async () => {
    const path = join(dir, 'items.json');
    const store = open(path, 0o600);
    expect(await store.read()).toEqual({ version: 1, items: [] });
    expect(await readdir(dir)).toEqual([]);
    await store.update((current) => ({ ...current, items: [...current.items, 'a'] }));
    expect(await onDisk(path)).toEqual({ version: 1, items: ['a'] });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await open(path).read()).toEqual({ version: 1, items: ['a'] });
  });

  it('runs quick updates one after another so none is lost', async () => {
    const path = join(dir, 'items.json');
    const store = open(path);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => store.update((c) => ({ ...c, items: [...c.items, `i${i}`] }))),
    );
    expect((await open(path).read()).items).toHaveLength(25);
  });

  it('answers a transaction with its result, and refuses a next value the schema rejects, changing nothing', async () => {
    const path = join(dir, 'items.json');
    const store = open(path);
    expect(await store.transact((c) => ({ next: { ...c, items: ['x'] }, result: 42 }))).toBe(42);
    await expect(store.update(() => ({ version: 1, items: [3] }) as never)).rejects.toThrow();
    expect(await store.read()).toEqual({ version: 1, items: ['x'] });
    expect(await onDisk(path)).toEqual({ version: 1, items: ['x'] });
  });

  it('keeps a damaged file aside under a new name and says so, never replacing it', async () => {
    const path = join(dir, 'items.json');
    await writeFile(path, '{"version": 1, "items": [');
    const store = createJsonStore({
      path,
      schema,
      initial: { version: 1, items: [] },
      damaged: (keptAs) => `kept as ${keptAs}`,
    });
    expect(await store.read()).toEqual({ version: 1, items: [] });
    const aside = (await readdir(dir)).find((f) => f.startsWith('items.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside ?? ''), 'utf8')).toBe('{"version": 1, "items": [');
    expect(store.problems()).toEqual([`kept as ${join(dir, aside ?? '')}`]);
  });

  it('leaves memory and disk agreeing on the old value when a write fails', async () => {
    // A file name so long that the temp file beside it cannot be created: a real failure, even for root.
    const path = join(dir, `${'n'.repeat(240)}.json`);
    await writeFile(path, JSON.stringify({ version: 1, items: ['kept'] }));
    const store = open(path);
    expect(await store.read()).toEqual({ version: 1, items: ['kept'] });
    await expect(store.update((c) => ({ ...c, items: ['lost'] }))).rejects.toThrow(/ENAMETOOLONG/);
    expect(await store.read()).toEqual({ version: 1, items: ['kept'] });
    expect(await onDisk(path)).toEqual({ version: 1, items: ['kept'] });
    // The next change starts from what is on disk, not from the failed one.
    await expect(store.transact((c) => ({ next: c, result: c.items }))).rejects.toThrow(/ENAMETOOLONG/);
    expect(await open(path).read()).toEqual({ version: 1, items: ['kept'] });
  });

  it.runIf(process.getuid?.() !== 0)('leaves memory and disk agreeing when the folder is read-only', async () => {
    const folder = join(dir, 'ro');
    await mkdir(folder);
    const path = join(folder, 'items.json');
    await open(path).update(() => ({ version: 1, items: ['kept'] }));
    const store = open(path);
    await store.read();
    await chmod(folder, 0o500);
    await expect(store.update(() => ({ version: 1, items: ['lost'] }))).rejects.toThrow(/EACCES|EPERM/);
    expect(await store.read()).toEqual({ version: 1, items: ['kept'] });
    expect(await onDisk(path)).toEqual({ version: 1, items: ['kept'] });
  });

  it('writes a fresh initial value at once when asked to (a stable identity), and migrates an old layout', async () => {
    const path = join(dir, 'identity.json');
    let made = 0;
    const store = createJsonStore({
      path,
      schema,
      initial: () => ({ version: 1 as const, items: [`id-${++made}`] }),
      persistInitial: true,
    });
    expect(await store.read()).toEqual({ version: 1, items: ['id-1'] });
    expect(await onDisk(path)).toEqual({ version: 1, items: ['id-1'] });
    const legacy = join(dir, 'legacy.json');
    await writeFile(legacy, JSON.stringify({ list: ['old'] }));
    const migrated = createJsonStore({
      path: legacy,
      schema,
      initial: { version: 1, items: [] },
      migrate: (raw) => (raw && typeof raw === 'object' && 'list' in raw ? { version: 1, items: raw.list } : raw),
    });
    expect(await migrated.read()).toEqual({ version: 1, items: ['old'] });
  });

  it('throws a clear error for a file it cannot read, and tries again on the next read', async () => {
    const path = join(dir, 'folder-not-file.json');
    await mkdir(path);
    const store = open(path);
    await expect(store.read()).rejects.toThrow(JsonStoreError);
    await expect(store.read()).rejects.toThrow(/cannot be read \(EISDIR\)/);
    await rm(path, { recursive: true });
    await writeFile(path, JSON.stringify({ version: 1, items: ['later'] }));
    expect(await store.read()).toEqual({ version: 1, items: ['later'] });
  });
});
