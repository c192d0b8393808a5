// Router-level guarantee: no channel answers with a key. Every channel of the contract is called (this test
// fails when a channel is added without being listed here), with a saved key, an environment key and the
// Local sandbox's key in play, in success and in failure; no answer may contain any of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channelNames, type Channel, type Profile } from '../../../../electron/contract/channels';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { createRouter, type Router } from '../../../../electron/router/router';
import { startSandbox, type RunningSandbox } from '../../../../electron/sandbox/server';
import { aesGcmCipher } from '../../../harness/aes-gcm-cipher';

const SAVED_KEY = 'sk-SAVED-never-crosses-5k8w';
const ENV_KEY = 'sk-ENVKEY-never-crosses-2p4r';
const WRONG_KEY = 'sk-WRONG-never-crosses-7t1y';
const S3_SECRET = 's3-SECRET-never-crosses-9q2z';

let dir: string;
let services: AppServices;
let staging: RunningSandbox;
let router: Router<null>;
let secrets: string[];
const answers = new Map<Channel, string[]>();

const call = async (channel: Channel, input: unknown): Promise<unknown> => {
  const answer = await router.call(channel, input, null);
  answers.set(channel, [...(answers.get(channel) ?? []), JSON.stringify(answer)]);
  return answer.ok ? answer.data : undefined;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-channels-'));
  staging = await startSandbox({ host: '127.0.0.1', port: 0, projectId: 'staging', keys: { push: SAVED_KEY } });
  services = createAppServices({
    userDataDir: dir,
    host: 'web',
    version: '1.0.0',
    emit: () => undefined,
    keyCipher: aesGcmCipher(),
    env: { BATCH_STUDIO_KEY_FROM_ENV: ENV_KEY },
  });
  await services.start();
  router = createRouter<null>({ handlers: services.handlers, isTrustedSender: () => true, secrets: services.secrets });
  const identity = JSON.parse(await readFile(join(dir, 'sandbox.json'), 'utf8')) as { keys: Record<string, string> };
  secrets = [SAVED_KEY, ENV_KEY, WRONG_KEY, S3_SECRET, ...Object.values(identity.keys)];
});

afterAll(async () => {
  await services?.close();
  await staging?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('no channel returns a key', () => {
  it('calls every channel, in success and failure, and finds no key in any answer', async () => {
    const draft = { name: 'Staging', baseUrl: staging.url, projectId: 'staging' };
    await call('app:info', {});
    await call('sandbox:status', {});
    const created = (await call('profiles:create', { draft })) as Profile;
    await call('profiles:create', { draft: { name: 'From env', baseUrl: staging.url, projectId: 'staging' } });
    await call('profiles:update', { id: created.id, draft: { ...draft, color: '#123456' } });
    await call('profiles:set-key', { id: created.id, key: SAVED_KEY });
    await call('profiles:set-key', { id: 'missing', key: SAVED_KEY });
    await call('profiles:set-key', { id: created.id, key: `${SAVED_KEY}\nsecond line` });
    await call('profiles:list', {});
    await call('profiles:select', { id: created.id });
    await call('profiles:test', { id: created.id });
    await call('profiles:test', { draft, key: WRONG_KEY });
    await call('profiles:test', {
      draft: { ...draft, baseUrl: `http://user:${WRONG_KEY}@127.0.0.1:1` },
      key: WRONG_KEY,
    });
    await call('profiles:storage', {});
    await call('profiles:accept-weak-storage', {});
    await call('send:start', { runId: 'r1', profileId: created.id, batchText: '{"clicks":[{"id":"x1"}]}' });
    await call('send:start', {
      runId: 'r2',
      profileId: 'local-sandbox',
      batchText: '{"clicks":[{"id":"x2","note":"to the local sandbox"}]}',
    });
    // A saved key pasted into a batch: the request records and bodies main gives back show it masked.
    await call('send:start', {
      runId: 'r4',
      profileId: 'local-sandbox',
      batchText: `{"clicks":[{"id":"x4","note":"${SAVED_KEY}"}]}`,
    });
    await call('send:request-body', { runId: 'r4', request: 1 });
    await call('send:outcomes', { runId: 'r4', from: 0, count: 10 });
    await call('send:outcomes', { runId: 'missing', from: 0, count: 10 });
    // The same batch handed over in pieces: answered with the length so far, the key never echoed.
    await call('send:stage', { stageId: 'r5', piece: `{"clicks":[{"id":"x5","note":"${SAVED_KEY}` });
    await call('send:stage', { stageId: 'r5', piece: '"}]}' });
    await call('send:start', { runId: 'r5', profileId: 'local-sandbox', stagedText: 'r5' });
    await call('send:outcomes', { runId: 'r5', from: 0, count: 10 });
    await call('send:start', { runId: 'r3', profileId: created.id, batchText: 'not json' });
    await call('send:cancel', { runId: 'r1' });
    await call('send:request-body', { runId: 'r1', request: 1 });
    await call('send:request-body', { runId: 'r2', request: 1 });
    await call('send:request-body', { runId: 'missing', request: 1 });
    const copy = (await call('profiles:duplicate', { id: created.id })) as Profile;
    await call('profiles:clear-key', { id: copy.id });
    await call('profiles:delete', { id: copy.id });
    await call('profiles:set-s3-secret', { id: created.id, secret: S3_SECRET });
    await call('profiles:update', {
      id: created.id,
      draft: { ...draft, bulkImport: { bucket: 'events-bucket', accessKeyId: 'AKIATEST' } },
    });
    await call('profiles:set-s3-secret', { id: created.id, secret: S3_SECRET });
    await call('profiles:list', {});
    await call('profiles:clear-s3-secret', { id: created.id });
    await call('profiles:select', { id: 'local-sandbox' });
    await call('sandbox:restart', {});
    await call('sandbox:reset', {});
    // What the sandbox stored is read in main: no sandbox key in the collections, the events or an error.
    await call('sandbox:collections', {});
    await call('sandbox:export', { collection: 'clicks', query: { filter: { id: 'x1' } } });
    await call('sandbox:export', { collection: 'clicks', query: { timeframe: { start: 'never' } } });
    await call('sandbox:use-temporary', { on: true });
    await call('sandbox:use-temporary', { on: false });
    await call('schemas:save', { collection: 'clicks', text: '{"type": "object"}' });
    await call('schemas:save', { collection: 'clicks', text: 'not json' });
    await call('schemas:set-enforce', { enforce: true });
    await call('schemas:set-folder', { folder: join(dir, 'no-such-folder') });
    await call('schemas:set-folder', { folder: null });
    await call('schemas:choose-folder', {});
    await call('workspace:load', {});
    await call('workspace:save', {});
    await call('files:open', {});
    await call('files:save', { text: '{}', suggestedName: 'batch.json' });
    await call('files:recent', {});
    await call('schemas:delete', { collection: 'clicks' });
    await call('schemas:list', {});
    // The workspace and file channels (their behaviour is tested with their services): answered without a key.
    await call('send:request-body', { runId: 'r1', request: 1 });
    await call('workspace:load', {});
    await call('workspace:save', {});
    await call('files:open', {});
    await call('files:save', { text: '{}', suggestedName: 'batch.json' });
    await call('files:recent', {});
    // Runs r1 and r2 were recorded by the sends above (a request's body is shown as sent: it is the user's own text).
    await call('runs:list', {});
    await call('runs:list', { search: 'x1', outcome: 'accepted', target: 'staging' });
    await call('runs:show', { id: 'r1' });
    await call('runs:show', { id: 'missing' });
    await call('runs:compare', { a: 'r1', b: 'r2' });
    for (const format of ['csv', 'json', 'junit', 'failed-batch'] as const)
      await call('runs:export', { id: 'r1', format });
    await call('runs:resend-failures', { id: 'r1' });
    await call('import:preview', { text: 'id,n\n,1\n', collection: 'rows', addIds: true });
    await call('import:apply', { text: '{"n":1}\nbad\n', collection: 'rows' });
    await call('import:apply', { text: '{"views": []}', collection: 'rows' });
    // Bulk import end to end is tested against a real S3 server (test/integration/bulk-import-app.test.ts);
    // here a profile without a bulk import section is refused, and unknown runs are answered plainly.
    await call('bulk:start', { runId: 'b1', profileId: created.id, batchText: '{"clicks":[{"id":"x3"}]}' });
    await call('bulk:cancel', { runId: 'b1' });
    await call('bulk:delete-uploads', { runId: 'b1' });
    await call('settings:get', {});
    await call('settings:update', { bulkImportThreshold: 10 });
    await call('settings:update', { historyMaxRuns: 0 });
    await call('runs:delete', { id: 'r1' });
    await call('runs:clear', {});

    const missing = channelNames.filter((c) => !answers.has(c));
    expect(missing, 'channels this test does not call yet').toEqual([]);
    for (const [channel, texts] of answers) {
      for (const text of texts)
        for (const secret of secrets) expect(text.includes(secret), `${channel} answered with a key`).toBe(false);
    }
    // The answers were real: a send went through with the saved key, and the env key counts as set.
    const list = JSON.parse(answers.get('profiles:list')?.[0] ?? '{}') as { data: { profiles: Profile[] } };
    expect(list.data.profiles.find((p) => p.name === 'From env')?.key).toMatchObject({ set: true, storage: 'env' });
    expect(answers.get('send:start')?.[0]).toContain('"accepted"');
    // The S3 secret was refused without a bulk import section, then saved (status only, last 4 at most).
    const [refused, saved] = answers.get('profiles:set-s3-secret') ?? [];
    expect(refused).toContain('no bulk import settings');
    expect(saved).toContain(`"last4":"${S3_SECRET.slice(-4)}"`);
    // Both sends were recorded as runs, under the app's run ids.
    expect(answers.get('runs:list')?.[0]).toMatch(/"id":"r2".*"id":"r1"/);
    expect(answers.get('runs:show')?.[0]).toContain('"batchText":"{\\"clicks\\":[{\\"id\\":\\"x1\\"}]}"');
  });
});
