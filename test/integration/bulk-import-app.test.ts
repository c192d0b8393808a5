// The app's bulk import behind the contract (bulk:start, bulk:progress, bulk:cancel, bulk:delete-uploads),
// with the real services and router, a real sandbox process and a real S3-compatible server on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkProgressEvent, BulkReport, Channel, Profile } from '../../electron/contract/channels';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { createRouter, type Router } from '../../electron/router/router';
import { aesGcmCipher } from '../harness/aes-gcm-cipher';
import { startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { startS3Server, type S3Server } from '../harness/s3-server';

let dir: string;
let s3: S3Server;
let sandbox: SandboxProcess;
let services: AppServices;
let router: Router<null>;
const progress: BulkProgressEvent[] = [];
const answers: string[] = [];

const call = async <T>(channel: Channel, input: unknown): Promise<T> => {
  const answer = await router.call(channel, input, null);
  answers.push(JSON.stringify(answer));
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.data as T;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-bulk-app-'));
  s3 = await startS3Server();
  sandbox = await startSandboxProcess(['--s3-endpoint', s3.url]);
  services = createAppServices({
    userDataDir: dir,
    host: 'web',
    version: '1.0.0',
    emit: (event, payload) => {
      if (event === 'bulk:progress') progress.push(payload as BulkProgressEvent);
    },
    keyCipher: aesGcmCipher(),
    env: {},
    // The embedded sandbox is not what this test sends to.
    startSandbox: async () => {
      throw new Error('not started in this test');
    },
  });
  router = createRouter<null>({ handlers: services.handlers, isTrustedSender: () => true, secrets: services.secrets });
}, 60_000);

afterAll(async () => {
  await services?.close();
  await sandbox?.stop();
  await s3?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bulk import from the app', () => {
  it('imports a batch through the profile\u2019s bucket, reports progress and outcomes, and deletes the uploaded objects', async () => {
    const profile = await call<Profile>('profiles:create', {
      draft: {
        name: 'Imports',
        baseUrl: sandbox.url,
        projectId: sandbox.projectId,
        bulkImport: { bucket: s3.bucket, prefix: 'app/', endpoint: s3.url, accessKeyId: s3.accessKeyId },
      },
    });
    await call('profiles:set-key', { id: profile.id, key: sandbox.keys.push });
    await call('profiles:set-s3-secret', { id: profile.id, secret: s3.secretAccessKey });
    const clicks = Array.from({ length: 3_000 }, (_, i) => (i === 17 ? { id: `c${i}`, $bad: 1 } : { id: `c${i}` }));
    const report = await call<BulkReport>('bulk:start', {
      runId: 'bulk-1',
      profileId: profile.id,
      batchText: JSON.stringify({ clicks }),
    });
    expect(report.error).toBeUndefined();
    expect(report.imports).toEqual([
      expect.objectContaining({
        collection: 'clicks',
        status: 'Complete',
        importedEvents: 2_999,
        duplicateEvents: 0,
        s3Path: expect.stringMatching(/^s3:\/\/batch-studio-imports\/app\//),
      }),
    ]);
    expect(report.outcomes.filter((o) => o.outcome === 'rejected')).toEqual([
      {
        collection: 'clicks',
        index: 17,
        id: 'c17',
        outcome: 'rejected',
        message: 'Property names cannot start with $.',
      },
    ]);
    expect(report.outcomes.filter((o) => o.outcome === 'imported')).toHaveLength(2_999);
    expect(progress.filter((p) => p.runId === 'bulk-1').map((p) => p.phase)).toEqual(
      expect.arrayContaining(['writing', 'uploading', 'importing', 'done']),
    );
    expect(progress.at(-1)).toMatchObject({ phase: 'done', percent: 100, imported: 2_999, duplicates: 0 });

    const deleted = await call<{ deleted: string[] }>('bulk:delete-uploads', { runId: 'bulk-1' });
    expect(deleted.deleted).toEqual([report.imports[0]?.s3Path]);
    await expect(call('bulk:delete-uploads', { runId: 'bulk-1' })).rejects.toThrow('left no uploaded objects');
    // Recorded as a run, like a send, with the object its import read.
    const shown = await call<{ run: { counts: Record<string, number>; requests?: { responseText: string }[] } }>(
      'runs:show',
      { id: 'bulk-1' },
    );
    expect(shown.run.counts).toMatchObject({ imported: 2_999, rejected: 1 });
    expect(JSON.stringify(shown)).toContain(report.imports[0]?.s3Path ?? 'no path');
    expect(await call('bulk:cancel', { runId: 'bulk-1' })).toEqual({ cancelled: false });
    for (const text of answers) {
      expect(text).not.toContain(s3.secretAccessKey);
      expect(text).not.toContain(sandbox.keys.push);
    }
  }, 120_000);
});
