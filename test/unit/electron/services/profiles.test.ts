// The profile service through the router, as the renderer calls it: profiles for a second real sandbox, a
// write-only key (only its status comes back), test connection, send, production confirmation, weak-storage
// consent, a corrupted store, a wrong keychain key, concurrent edits; and no answer ever carries a key.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { createRouter } from '../../../../electron/router/router';
import { keyStorePath } from '../../../../electron/services/profiles';
import type { Cipher } from '../../../../electron/services/secret-store';
import { startSandbox } from '../../../../electron/sandbox/server';
import type {
  CallResult,
  KeyStatusOutput,
  KeyStorage,
  Profile,
  SendReport,
} from '../../../../electron/contract/channels';
import { aesGcmCipher } from '../../../harness/aes-gcm-cipher';

const KEY = 'sk-DISTINCTIVE-profile-key-9x7q';
const OTHER_KEY = 'sk-OTHER-wrong-key-3m2n';

interface Harness {
  readonly dir: string;
  readonly services: AppServices;
  /** Every answer the router gave, as the renderer would receive it. */
  readonly answers: string[];
  call(channel: string, input?: unknown): Promise<CallResult<unknown>>;
  data<T>(channel: string, input?: unknown): Promise<T>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'bs-profiles-svc-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
};

async function harness(
  options: { dir?: string; cipher?: Cipher; env?: Record<string, string> } = {},
): Promise<Harness> {
  const dir = options.dir ?? (await tempDir());
  const services = createAppServices({
    userDataDir: dir,
    host: 'web',
    version: '1.0.0',
    emit: () => undefined,
    env: options.env ?? {},
    ...(options.cipher ? { keyCipher: options.cipher } : {}),
  });
  cleanups.push(() => services.close());
  await services.start();
  const router = createRouter<null>({
    handlers: services.handlers,
    isTrustedSender: () => true,
    secrets: services.secrets,
  });
  const answers: string[] = [];
  const call = async (channel: string, input: unknown = {}) => {
    const answer = await router.call(channel, input, null);
    answers.push(JSON.stringify(answer));
    return answer;
  };
  return {
    dir,
    services,
    answers,
    call,
    async data<T>(channel: string, input: unknown = {}) {
      const answer = await call(channel, input);
      if (!answer.ok) throw new Error(`${channel} failed: ${answer.error.code} ${answer.error.message}`);
      return answer.data as T;
    },
  };
}

/** A second sandbox, like a staging project: its own project id and keys. */
async function secondSandbox(options: { latencyMs?: number } = {}) {
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: 0,
    projectId: 'staging-project',
    keys: { push: KEY },
    ...options,
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

/** A loopback port with nothing listening (a server opened and closed again). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

const errorOf = (answer: CallResult<unknown>) => (answer.ok ? { code: 'ok', message: '' } : answer.error);

const batchText = JSON.stringify({
  purchases: [
    { id: 'e1', price: 3 },
    { id: 'e2', price: 4 },
  ],
});

describe('profile service', () => {
  it('creates a profile for a second sandbox, takes its key write-only, tests, sends and switches back', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    const staging = await secondSandbox();
    const profile = await h.data<Profile>('profiles:create', {
      draft: { name: 'Staging', baseUrl: staging.url, projectId: 'staging-project', color: '#aa3300' },
    });
    expect(profile).toMatchObject({ name: 'Staging', builtIn: false, production: false, key: { set: false } });

    const status = await h.data<KeyStatusOutput>('profiles:set-key', { id: profile.id, key: KEY });
    expect(status).toMatchObject({ set: true, last4: KEY.slice(-4), storage: 'keychain' });
    expect(Object.keys(status).sort()).toEqual(['changedAt', 'last4', 'set', 'storage']);

    expect(await h.data('profiles:test', { id: profile.id })).toMatchObject({ verdict: 'ok', status: 200 });
    // A draft being edited is tested with the key typed so far, without saving anything.
    const wrong = await h.data<{ verdict: string; message: string }>('profiles:test', {
      id: profile.id,
      draft: { name: 'Staging', baseUrl: staging.url, projectId: 'staging-project' },
      key: OTHER_KEY,
    });
    expect(wrong.verdict).toBe('unauthorised');
    expect(wrong.message).toMatch(/401/);

    await h.data('profiles:select', { id: profile.id });
    const report = await h.data<SendReport>('send:start', { runId: 'r1', profileId: profile.id, batchText });
    expect(report.target).toMatchObject({ profileName: 'Staging', url: staging.url, keyHint: `••••${KEY.slice(-4)}` });
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
    expect(await staging.eventCount()).toBe(2);

    await h.data('profiles:select', { id: 'local-sandbox' });
    expect((await h.data<{ selectedId: string }>('profiles:list')).selectedId).toBe('local-sandbox');
    for (const answer of h.answers) expect(answer).not.toContain(KEY);
    for (const answer of h.answers) expect(answer).not.toContain(OTHER_KEY);
  });

  it('keeps keys only in the key store: profiles and settings files never hold one', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    const p = await h.data<Profile>('profiles:create', { draft: { name: 'Prod', projectId: 'p' } });
    await h.data('profiles:set-key', { id: p.id, key: KEY });
    for (const name of await readdir(h.dir)) {
      const path = join(h.dir, name);
      if ((await stat(path)).isDirectory()) continue;
      expect(await readFile(path, 'utf8'), name).not.toContain(KEY);
    }
    expect((await stat(keyStorePath(h.dir))).mode & 0o777).toBe(0o600);
  });

  it('asks before keeping keys without a keychain, then stores them in a 0600 file with the warning on the profile', async () => {
    const h = await harness();
    const storage = await h.data<KeyStorage>('profiles:storage');
    expect(storage).toMatchObject({ protection: 'file', accepted: false });
    expect(storage.warning).toMatch(/0600/);
    const p = await h.data<Profile>('profiles:create', { draft: { name: 'Staging', projectId: 'p' } });
    const refused = errorOf(await h.call('profiles:set-key', { id: p.id, key: KEY }));
    expect(refused.code).toBe('invalid');
    expect(refused.message).toMatch(/consent/);
    expect(refused.message).not.toContain(KEY);
    await expect(stat(keyStorePath(h.dir))).rejects.toThrow();

    expect(await h.data<KeyStorage>('profiles:accept-weak-storage')).toMatchObject({
      protection: 'file',
      accepted: true,
    });
    expect(await h.data('profiles:set-key', { id: p.id, key: KEY })).toMatchObject({ set: true, storage: 'file' });
    expect((await stat(keyStorePath(h.dir))).mode & 0o777).toBe(0o600);
    const listed = (await h.data<{ profiles: Profile[] }>('profiles:list')).profiles.find((x) => x.id === p.id);
    expect(listed?.key.storage).toBe('file');
    // The consent is remembered across restarts.
    await h.services.close();
    const again = await harness({ dir: h.dir });
    expect((await again.data<KeyStorage>('profiles:storage')).accepted).toBe(true);
  });

  it('takes BATCH_STUDIO_KEY_<PROFILE> from the environment', async () => {
    const staging = await secondSandbox();
    const h = await harness({ env: { BATCH_STUDIO_KEY_MY_STAGING: KEY } });
    const p = await h.data<Profile>('profiles:create', {
      draft: { name: 'My staging', baseUrl: staging.url, projectId: 'staging-project' },
    });
    expect(p.key).toMatchObject({ set: true, storage: 'env', last4: KEY.slice(-4) });
    expect(await h.data('profiles:test', { id: p.id })).toMatchObject({ verdict: 'ok' });
  });

  it('refuses an unconfirmed send to a production profile, and sends once confirmed or when confirmation is off', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    const staging = await secondSandbox();
    const p = await h.data<Profile>('profiles:create', {
      draft: { name: 'Production', baseUrl: staging.url, projectId: 'staging-project', production: true },
    });
    expect(p).toMatchObject({ production: true, confirmProduction: true });
    await h.data('profiles:set-key', { id: p.id, key: KEY });
    const refused = errorOf(await h.call('send:start', { runId: 'r1', profileId: p.id, batchText }));
    expect(refused.code).toBe('invalid');
    expect(refused.message).toMatch(/production/);
    expect(await staging.eventCount()).toBe(0);
    expect(
      errorOf(await h.call('send:start', { runId: 'r2', profileId: p.id, batchText, confirmed: false })).code,
    ).toBe('invalid');
    expect(
      (await h.data<SendReport>('send:start', { runId: 'r3', profileId: p.id, batchText, confirmed: true })).outcomes,
    ).toHaveLength(2);
    await h.data('profiles:update', {
      id: p.id,
      draft: {
        name: 'Production',
        baseUrl: staging.url,
        projectId: 'staging-project',
        production: true,
        confirmProduction: false,
      },
    });
    expect(
      (await h.data<SendReport>('send:start', { runId: 'r4', profileId: p.id, batchText })).outcomes.map(
        (o) => o.outcome,
      ),
    ).toEqual(['duplicate', 'duplicate']);
  });

  it('says clearly when a saved key cannot be decrypted (wrong keychain key), without the key', async () => {
    const dir = await tempDir();
    const first = await harness({ dir, cipher: aesGcmCipher(randomBytes(32)) });
    const p = await first.data<Profile>('profiles:create', {
      draft: { name: 'Staging', baseUrl: 'http://127.0.0.1:9', projectId: 'p' },
    });
    await first.data('profiles:set-key', { id: p.id, key: KEY });
    await first.services.close();
    const second = await harness({ dir, cipher: aesGcmCipher(randomBytes(32)) });
    const failed = errorOf(await second.call('send:start', { runId: 'r', profileId: p.id, batchText }));
    expect(failed.message).toMatch(/cannot be decrypted.*Enter the key again/);
    expect(await second.data('profiles:test', { id: p.id })).toMatchObject({ verdict: 'unauthorised' });
    const listed = (await second.data<{ profiles: Profile[] }>('profiles:list')).profiles.find((x) => x.id === p.id);
    expect(listed?.key.problem).toMatch(/cannot be decrypted/);
    await second.data('profiles:set-key', { id: p.id, key: OTHER_KEY });
    const fixed = (await second.data<{ profiles: Profile[] }>('profiles:list')).profiles.find((x) => x.id === p.id);
    expect(fixed?.key.problem).toBeUndefined();
  });

  it('keeps a corrupted key store and profiles file aside, says so, and starts clean', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'profiles.json'), '{"version": 1, "profiles": [');
    await writeFile(keyStorePath(dir), 'garbage');
    const h = await harness({ dir, cipher: aesGcmCipher() });
    const list = await h.data<{ profiles: Profile[]; problems?: string[] }>('profiles:list');
    expect(list.profiles.map((p) => p.id)).toEqual(['local-sandbox']);
    // The key store is read lazily: a first profile's status reads it.
    const p = await h.data<Profile>('profiles:create', { draft: { name: 'Staging', projectId: 'p' } });
    expect(p.key.set).toBe(false);
    const problems = (await h.data<{ problems?: string[] }>('profiles:list')).problems ?? [];
    expect(problems.join(' ')).toMatch(/profiles file was damaged/);
    expect(problems.join(' ')).toMatch(/key store was damaged/);
    const names = await readdir(dir);
    expect(names.some((n) => n.startsWith('profiles.json.damaged-'))).toBe(true);
    expect(names.some((n) => n.startsWith('keys.json.damaged-'))).toBe(true);
  });

  it('survives concurrent edits and keys: every change is kept', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        h.data<Profile>('profiles:create', { draft: { name: `P${i}`, projectId: `p${i}` } }),
      ),
    );
    await Promise.all(created.map((p, i) => h.data('profiles:set-key', { id: p.id, key: `${KEY}-${i}` })));
    const file = JSON.parse(await readFile(join(h.dir, 'profiles.json'), 'utf8')) as { profiles: unknown[] };
    expect(file.profiles).toHaveLength(8);
    const keys = JSON.parse(await readFile(keyStorePath(h.dir), 'utf8')) as { keys: Record<string, unknown> };
    expect(Object.keys(keys.keys).sort()).toEqual(created.map((p) => p.id).sort());
  });

  it('protects the built-in Local sandbox: no delete, no edit, no key change; it can be duplicated', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    expect(errorOf(await h.call('profiles:delete', { id: 'local-sandbox' })).message).toMatch(/built in/);
    expect(
      errorOf(await h.call('profiles:update', { id: 'local-sandbox', draft: { name: 'X', projectId: 'p' } })).message,
    ).toMatch(/built in/);
    expect(errorOf(await h.call('profiles:set-key', { id: 'local-sandbox', key: KEY })).code).toBe('invalid');
    expect(await h.data('profiles:test', { id: 'local-sandbox' })).toMatchObject({ verdict: 'ok' });
    const copy = await h.data<Profile>('profiles:duplicate', { id: 'local-sandbox' });
    expect(copy).toMatchObject({ name: 'Local sandbox copy', builtIn: false, key: { set: false } });
  });

  it('duplicates a profile with its key (kept in main), and deleting a profile deletes its key', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    const staging = await secondSandbox();
    const p = await h.data<Profile>('profiles:create', {
      draft: { name: 'Staging', baseUrl: staging.url, projectId: 'staging-project' },
    });
    await h.data('profiles:set-key', { id: p.id, key: KEY });
    const copy = await h.data<Profile>('profiles:duplicate', { id: p.id });
    expect(copy.key).toMatchObject({ set: true, last4: KEY.slice(-4) });
    expect(await h.data('profiles:test', { id: copy.id })).toMatchObject({ verdict: 'ok' });
    await h.data('profiles:delete', { id: p.id });
    const keys = JSON.parse(await readFile(keyStorePath(h.dir), 'utf8')) as { keys: Record<string, unknown> };
    expect(Object.keys(keys.keys)).toEqual([copy.id]);
    expect(await h.data('profiles:clear-key', { id: copy.id })).toEqual({ set: false });
  });

  it('forgets the saved key when the profile is pointed at another host, keeps it for other edits', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    const staging = await secondSandbox();
    const p = await h.data<Profile>('profiles:create', {
      draft: { name: 'Staging', baseUrl: staging.url, projectId: 'staging-project' },
    });
    await h.data('profiles:set-key', { id: p.id, key: KEY });
    const renamed = await h.data<Profile>('profiles:update', {
      id: p.id,
      draft: { name: 'Staging EU', baseUrl: `${staging.url}/`, projectId: 'staging-project' },
    });
    expect(renamed.key).toMatchObject({ set: true, last4: KEY.slice(-4) });
    const moved = await h.data<Profile>('profiles:update', {
      id: p.id,
      draft: { name: 'Staging EU', baseUrl: 'https://collector.example.com', projectId: 'staging-project' },
    });
    expect(moved.key).toEqual({ set: false });
    const keys = JSON.parse(await readFile(keyStorePath(h.dir), 'utf8')) as { keys: Record<string, unknown> };
    expect(Object.keys(keys.keys)).toEqual([]);
  });

  it('refuses a plain-http remote URL with an explanation, when saving and when testing', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    const refused = errorOf(
      await h.call('profiles:create', { draft: { name: 'Bad', baseUrl: 'http://api.example.com', projectId: 'p' } }),
    );
    expect(refused.message).toMatch(/Plain http is only allowed for this machine/);
    expect(
      await h.data('profiles:test', {
        draft: { name: 'Bad', baseUrl: 'http://api.example.com', projectId: 'p' },
        key: KEY,
      }),
    ).toMatchObject({ verdict: 'invalid' });
  });

  it('reports an unreachable target and a send with no key in words a person can act on', async () => {
    const h = await harness({ cipher: aesGcmCipher() });
    const p = await h.data<Profile>('profiles:create', {
      draft: { name: 'Nowhere', baseUrl: `http://127.0.0.1:${await closedPort()}`, projectId: 'p' },
    });
    const noKey = errorOf(await h.call('send:start', { runId: 'r', profileId: p.id, batchText }));
    expect(noKey.message).toMatch(/No API key is set for "Nowhere".*BATCH_STUDIO_KEY_NOWHERE/);
    await h.data('profiles:set-key', { id: p.id, key: KEY });
    const result = await h.data<{ verdict: string; message: string }>('profiles:test', { id: p.id });
    expect(result.verdict).toBe('unreachable');
    expect(result.message).toMatch(/refused/);
    const report = await h.data<SendReport>('send:start', { runId: 'r2', profileId: p.id, batchText });
    // Refused before any byte was sent: nothing reached the server.
    expect(new Set(report.outcomes.map((o) => o.outcome))).toEqual(new Set(['not-sent']));
    expect(report.requests[0]?.error ?? report.requests[0]?.responseText).toBeTruthy();
    for (const answer of h.answers) expect(answer).not.toContain(KEY);
  });
});
