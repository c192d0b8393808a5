// The app's schemas on real folders: saved in the user-data folder or read from a chosen folder, broken
// files reported, and the embedded sandbox following the enforce switch over real HTTP.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../../electron/sandbox/server';
import { CallFailure } from '../../../../electron/contract/handlers';
import type { SandboxStartOptions } from '../../../../electron/services/sandbox-manager';
import { appSchemaFolder, createSchemaService } from '../../../../electron/services/schema-service';

const fixtures = join(import.meta.dirname, '../../../fixtures/schemas');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-schemas-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('schema service', () => {
  it('saves schemas edited in the app in the user-data folder and lists them as text', async () => {
    const service = createSchemaService({ userDataDir: dir });
    expect(await service.list()).toEqual({
      source: 'app',
      folder: appSchemaFolder(dir),
      schemas: [],
      problems: [],
      enforce: false,
    });
    const text = '{ "type": "object", "required": ["id"] }';
    const list = await service.save('clicks', text);
    expect(list.schemas).toEqual([
      { collection: 'clicks', text: `${text}\n`, file: join(appSchemaFolder(dir), 'clicks.schema.json') },
    ]);
    expect(await readFile(join(appSchemaFolder(dir), 'clicks.schema.json'), 'utf8')).toBe(`${text}\n`);
    expect((await service.remove('clicks')).schemas).toEqual([]);
  });

  it('refuses a schema that is not JSON, that cannot be used, or whose collection cannot be a file name', async () => {
    const service = createSchemaService({ userDataDir: dir });
    await expect(service.save('clicks', '{ "type": ')).rejects.toThrow(/The schema of "clicks" is not valid JSON/);
    await expect(service.save('clicks', '{ "type": "objekt" }')).rejects.toThrow(
      /cannot be used: at \/type: "objekt" is not a JSON type/,
    );
    await expect(service.save('../escape', '{}')).rejects.toBeInstanceOf(CallFailure);
    expect((await service.list()).schemas).toEqual([]);
  });

  it('reads a chosen folder, reporting broken files while the others are listed, and goes back to the app folder', async () => {
    const folder = join(dir, 'plan');
    await cp(join(fixtures, 'with-broken'), folder, { recursive: true });
    const service = createSchemaService({ userDataDir: dir });
    const list = await service.setFolder(folder);
    expect(list.source).toBe('folder');
    expect(list.schemas.map((s) => s.collection)).toEqual(['purchases']);
    expect(list.problems.map((p) => p.path).sort()).toEqual([
      join(folder, 'clicks.schema.json'),
      join(folder, 'signups.schema.json'),
    ]);
    // The choice is kept for the next launch.
    expect((await createSchemaService({ userDataDir: dir }).list()).folder).toBe(folder);
    expect((await service.setFolder(null)).source).toBe('app');
    const missing = await service.setFolder(join(dir, 'gone'));
    expect(missing.problems[0]?.reason).toMatch(/cannot read the schema folder .*: no such folder/);
  });

  it('makes the embedded sandbox enforce the schemas while the switch is on', async () => {
    const service = createSchemaService({ userDataDir: dir });
    await service.save('purchases', await readFile(join(fixtures, 'purchases.schema.json'), 'utf8'));
    const start = service.wrapStart((options: SandboxStartOptions) => startSandbox(options));
    const sandbox = await start({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(dir, 'sandbox'),
      projectId: 'p',
      keys: { push: 'push-key-123', query: 'q-key-1234', pushquery: 'pq-key-1234', master: 'm-key-12345' },
    });
    const push = async () => {
      const response = await fetch(`${sandbox.url}/events`, {
        method: 'POST',
        headers: { 'X-Project-Id': 'p', 'X-Api-Key': 'push-key-123' },
        body: JSON.stringify({ purchases: [{ customerId: 'c', purchasePrice: '1' }] }),
      });
      return ((await response.json()) as { purchases: { success: boolean; message?: string }[] }).purchases[0];
    };
    try {
      expect((await push())?.success).toBe(true);
      await service.setEnforce(true);
      expect(await push()).toEqual({
        success: false,
        message: expect.stringContaining('`purchasePrice` must be a number, got the string "1"'),
      });
      await service.setEnforce(false);
      expect((await push())?.success).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
