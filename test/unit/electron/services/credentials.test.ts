// The credential resolver: a saved key comes out only for the origin it was saved for, a saved S3 secret only
// for its endpoint, even when the profiles file is edited behind the app's back; refusals never hold a secret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProfileService,
  keyStorePath,
  profilesPath,
  type ProfileService,
} from '../../../../electron/services/profiles';
import { createSettingsStore, settingsPath } from '../../../../electron/services/settings';
import { fileCipher } from '../../../../electron/services/secret-store';

const KEY = 'sk-RESOLVER-canary-4h8j2k';
const S3 = 's3-RESOLVER-canary-7u6y5t';
let dir: string;

const open = (env: Record<string, string> = {}): ProfileService =>
  createProfileService({
    userDataDir: dir,
    sandbox: { target: () => undefined, projectId: () => undefined },
    settings: createSettingsStore(settingsPath(dir)),
    cipher: fileCipher,
    env,
  });

async function saved(service: ProfileService): Promise<string> {
  await service.acceptWeakStorage();
  const profile = await service.create({
    name: 'Staging',
    baseUrl: 'https://staging.example.com/v1',
    projectId: 'p-1',
    bulkImport: {
      bucket: 'events-staging',
      prefix: 'imports/',
      region: 'eu-west-1',
      endpoint: 'https://s3.example.com',
      accessKeyId: 'AKIASTAGING',
    },
  });
  await service.setKey(profile.id, KEY);
  await service.setS3Secret(profile.id, S3);
  return profile.id;
}

/** Rewrites profiles.json by hand, as another program (or an attacker with file access) could. */
async function editFile(change: (profile: Record<string, unknown>) => void): Promise<void> {
  const file = JSON.parse(await readFile(profilesPath(dir), 'utf8')) as { profiles: Record<string, unknown>[] };
  for (const profile of file.profiles) change(profile);
  await writeFile(profilesPath(dir), JSON.stringify(file));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-credentials-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('resolveCredentials', () => {
  it('hands out the key for the profile, and for another path or project id on the same origin', async () => {
    const service = open();
    const id = await saved(service);
    expect(await service.resolveCredentials(id)).toEqual({
      profileId: id,
      profileName: 'Staging',
      url: 'https://staging.example.com/v1',
      projectId: 'p-1',
      apiKey: KEY,
    });
    expect(
      await service.resolveCredentials(id, { url: 'https://staging.example.com/v2', projectId: 'p-2' }),
    ).toMatchObject({ url: 'https://staging.example.com/v2', projectId: 'p-2', apiKey: KEY });
  });

  it.each(['https://evil.example.com', 'http://staging.example.com', 'https://staging.example.com:8443', 'not a url'])(
    'refuses %s, naming no key',
    async (url) => {
      const service = open();
      const id = await saved(service);
      const refusal = service.resolveCredentials(id, { url });
      await expect(refusal).rejects.toThrow(/was given for https:\/\/staging\.example\.com and is never sent to/);
      await refusal.catch((error: Error) => expect(error.message).not.toContain(KEY.slice(4)));
    },
  );

  it('refuses a profile whose address was changed in the file behind the app, though the key is still saved', async () => {
    const id = await saved(open());
    await editFile((profile) => (profile.baseUrl = 'https://evil.example.com'));
    await expect(open().resolveCredentials(id)).rejects.toThrow(/never sent to https:\/\/evil\.example\.com/);
    expect(await readFile(keyStorePath(dir), 'utf8')).toContain('"origin": "https://staging.example.com"');
  });

  it('sends an environment key wherever the profile points now (the person set both)', async () => {
    const service = open({ BATCH_STUDIO_KEY_STAGING: KEY });
    const profile = await service.create({ name: 'Staging', baseUrl: 'https://staging.example.com', projectId: 'p' });
    await editFile((p) => (p.baseUrl = 'https://other.example.com'));
    expect((await open({ BATCH_STUDIO_KEY_STAGING: KEY }).resolveCredentials(profile.id)).url).toBe(
      'https://other.example.com',
    );
    await expect(
      open({ BATCH_STUDIO_KEY_STAGING: KEY }).resolveCredentials(profile.id, { url: 'https://third.example.com' }),
    ).rejects.toThrow(/never sent/);
  });

  it('hands the built-in sandbox key only to the running sandbox, and a test of a draft elsewhere is refused without a request', async () => {
    const service = createProfileService({
      userDataDir: dir,
      sandbox: {
        target: () => ({ url: 'http://127.0.0.1:4567', projectId: 'local-p', pushKey: KEY }),
        projectId: () => 'local-p',
      },
      settings: createSettingsStore(settingsPath(dir)),
      cipher: fileCipher,
      env: {},
    });
    expect(await service.resolveCredentials('local-sandbox')).toMatchObject({
      url: 'http://127.0.0.1:4567',
      apiKey: KEY,
    });
    await expect(service.resolveCredentials('local-sandbox', { url: 'http://127.0.0.1:4568' })).rejects.toThrow(
      /Local sandbox" was given for http:\/\/127\.0\.0\.1:4567/,
    );
    const refused = await service.test({
      id: 'local-sandbox',
      draft: { name: 'Local sandbox', baseUrl: 'http://127.0.0.1:4568', projectId: 'x' },
    });
    expect(refused).toMatchObject({
      verdict: 'invalid',
      message: expect.stringMatching(/never sent to http:\/\/127\.0\.0\.1:4568/),
    });
    expect(refused).not.toHaveProperty('durationMs');
  });

  it('says when no key is set, and when the built-in sandbox is not running', async () => {
    const service = open();
    const profile = await service.create({ name: 'Bare', baseUrl: 'https://bare.example.com', projectId: 'p' });
    await expect(service.resolveCredentials(profile.id)).rejects.toThrow(
      /No API key is set for "Bare".*BATCH_STUDIO_KEY_BARE/,
    );
    await expect(service.resolveCredentials('local-sandbox')).rejects.toThrow(/local sandbox is not running/);
    await expect(service.resolveCredentials('no-such-id')).rejects.toThrow(/no such target/);
  });
});

describe('resolveBulkImport', () => {
  it('hands out the section with its secret, defaults filled in', async () => {
    const service = open();
    const id = await saved(service);
    expect(await service.resolveBulkImport(id)).toEqual({
      bucket: 'events-staging',
      prefix: 'imports/',
      region: 'eu-west-1',
      endpoint: 'https://s3.example.com',
      accessKeyId: 'AKIASTAGING',
      secretAccessKey: S3,
    });
    const status = (await service.list()).profiles.find((p) => p.id === id)?.bulkImport?.secret;
    expect(status).toMatchObject({ set: true, last4: S3.slice(-4), storage: 'file' });
  });

  it('refuses the S3 secret for an endpoint edited in the file, and drops it when the app moves the endpoint', async () => {
    const id = await saved(open());
    await editFile(
      (profile) => ((profile.bulkImport as Record<string, unknown>).endpoint = 'https://evil.example.com'),
    );
    const refusal = open().resolveBulkImport(id);
    await expect(refusal).rejects.toThrow(
      /S3 secret of "Staging" was given for https:\/\/s3\.example\.com and is never sent to https:\/\/evil\.example\.com/,
    );
    await refusal.catch((error: Error) => expect(error.message).not.toContain(S3));

    const service = open();
    await editFile((profile) => ((profile.bulkImport as Record<string, unknown>).endpoint = 'https://s3.example.com'));
    await service.update(id, {
      name: 'Staging',
      baseUrl: 'https://staging.example.com/v1',
      projectId: 'p-1',
      bulkImport: { bucket: 'events-staging', accessKeyId: 'AKIASTAGING' },
    });
    await expect(service.resolveBulkImport(id)).rejects.toThrow(
      /No S3 secret is set for "Staging".*BATCH_STUDIO_S3_SECRET_STAGING/,
    );
    // The API key stayed: its origin did not change.
    expect((await service.resolveCredentials(id)).apiKey).toBe(KEY);
  });

  it('keeps the section when a draft leaves it out, removes it (and the secret) with null', async () => {
    const service = open();
    const id = await saved(service);
    await service.update(id, {
      name: 'Staging',
      baseUrl: 'https://staging.example.com/v1',
      projectId: 'p-1',
      color: '#123456',
    });
    expect((await service.resolveBulkImport(id)).secretAccessKey).toBe(S3);
    await service.update(id, {
      name: 'Staging',
      baseUrl: 'https://staging.example.com/v1',
      projectId: 'p-1',
      bulkImport: null,
    });
    await expect(service.resolveBulkImport(id)).rejects.toThrow(/has no bulk import settings/);
    expect(await readFile(keyStorePath(dir), 'utf8')).not.toContain(Buffer.from(S3).toString('base64'));
  });

  it('takes BATCH_STUDIO_S3_SECRET_<PROFILE> over the saved one', async () => {
    const id = await saved(open());
    expect(
      (await open({ BATCH_STUDIO_S3_SECRET_STAGING: 's3-from-env-secret-1111' }).resolveBulkImport(id)).secretAccessKey,
    ).toBe('s3-from-env-secret-1111');
  });

  it('refuses bad bulk import fields with a clear message', async () => {
    const service = open();
    const base = { name: 'X', baseUrl: 'https://x.example.com', projectId: 'p' };
    await expect(service.create({ ...base, bulkImport: { bucket: 'Bad_Bucket' } })).rejects.toThrow(/bucket name/);
    await expect(
      service.create({ ...base, bulkImport: { bucket: 'good-bucket', endpoint: 'http://s3.example.com' } }),
    ).rejects.toThrow(/S3 endpoint: Plain http/);
    await expect(
      service.create({ ...base, bulkImport: { bucket: 'good-bucket', accessKeyId: 'has space' } }),
    ).rejects.toThrow(/access key id/);
  });
});

describe('profile selection', () => {
  it('moves the selection of an older profiles.json into settings.json once', async () => {
    await writeFile(
      profilesPath(dir),
      JSON.stringify({
        version: 1,
        selectedId: 'p-old',
        profiles: [
          {
            id: 'p-old',
            name: 'Old',
            baseUrl: 'https://old.example.com',
            projectId: 'p',
            color: '#123456',
            production: false,
            confirmProduction: true,
          },
        ],
      }),
    );
    expect((await open().list()).selectedId).toBe('p-old');
    expect(JSON.parse(await readFile(settingsPath(dir), 'utf8'))).toEqual({ version: 1, selectedProfileId: 'p-old' });
    const service = open();
    await service.create({ name: 'New', baseUrl: 'https://new.example.com', projectId: 'p' });
    expect(JSON.parse(await readFile(profilesPath(dir), 'utf8'))).not.toHaveProperty('selectedId');
    expect((await open().list()).selectedId).toBe('p-old');
  });
});
