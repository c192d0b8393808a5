// `batch-studio import-bulk` as a process against a real sandbox and a real S3-compatible server on loopback:
// the --json report's exact shape, rejected lines with their file lines, exit codes, secrets kept out of
// argv and output, and --profile taking the bulk import section and S3 secret from the app's profile.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliProfileService } from '../../electron/cli/commands/profiles';
import { runCli, sandboxTarget } from '../harness/cli-process';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { startS3Server, type S3Server } from '../harness/s3-server';

let s3: S3Server;
let sandbox: SandboxProcess;
let dir: string;

beforeAll(async () => {
  s3 = await startS3Server();
  sandbox = await startSandboxProcess(['--s3-endpoint', s3.url]);
  dir = mkdtempSync(join(tmpdir(), 'bs-cli-bulk-'));
}, 60_000);
afterAll(async () => {
  await sandbox?.stop();
  await s3?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await callSandbox(sandbox, 'POST', '/sandbox/reset', { key: 'master' });
});

const env = () => ({ CONNECT_KEY: sandbox.keys.push, S3_ID: s3.accessKeyId, S3_SECRET: s3.secretAccessKey });
const targetFlags = () => sandboxTarget(sandbox, 'CONNECT_KEY');
const s3Flags = () => [
  '--s3-bucket',
  s3.bucket,
  '--s3-prefix',
  'cli/',
  '--s3-endpoint',
  s3.url,
  '--s3-access-key-id-env',
  'S3_ID',
  '--s3-secret-access-key-env',
  'S3_SECRET',
  '--user-data',
  join(dir, 'user-data'),
];

describe('batch-studio import-bulk', () => {
  it('imports NDJSON into --collection; --json reports the API counts, each import and every event; a rejected line exits 1', async () => {
    writeFileSync(
      join(dir, 'events.ndjson'),
      ['{"id": "a"}', '', '{"id": "b", "tp_x": 1}', '{"id": "a"}', '{"id": "c"}'].join('\n') + '\n',
    );
    const run = await runCli(
      ['import-bulk', 'events.ndjson', '--collection', 'views', ...targetFlags(), ...s3Flags(), '--json'],
      { cwd: dir, env: env() },
    );
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      summary: unknown;
      imports: { id: string; s3Path: string }[];
      outcomes: unknown[];
    };
    expect(Object.keys(report)).toEqual(['summary', 'imports', 'outcomes']);
    expect(report.summary).toEqual({ events: 4, imported: 2, duplicates: 1, rejected: 1 });
    expect(report.imports).toEqual([
      {
        collection: 'views',
        id: expect.any(String),
        status: 'Complete',
        s3Path: expect.stringMatching(/^s3:\/\/batch-studio-imports\/cli\/.+\/1-views\.ndjson$/),
        importedEvents: 2,
        duplicateEvents: 1,
      },
    ]);
    expect(report.outcomes).toEqual([
      { collection: 'views', index: 0, id: 'a', outcome: 'imported' },
      {
        collection: 'views',
        index: 1,
        id: 'b',
        outcome: 'rejected',
        message: 'Property names starting with tp_ are reserved and cannot be set.',
      },
      { collection: 'views', index: 2, id: 'a', outcome: 'imported' },
      { collection: 'views', index: 3, id: 'c', outcome: 'imported' },
    ]);
    expect(run.stderr).toMatch(/Importing 'views' \(1\/1\)/);
    // The text report names the file line of the rejected event.
    const text = await runCli(
      ['import-bulk', 'events.ndjson', '--collection', 'views2', ...targetFlags(), ...s3Flags()],
      { cwd: dir, env: env() },
    );
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'views2[1] (events.ndjson:3) id "b": rejected (Property names starting with tp_ are reserved and cannot be set.)',
    );
    expect(run.stdout + run.stderr + text.stdout + text.stderr).not.toContain(s3.secretAccessKey);
  }, 120_000);

  it('imports each collection of a batch file and exits 0 when every event is delivered', async () => {
    writeFileSync(join(dir, 'batch.json'), JSON.stringify({ signups: [{ id: 1 }, { id: 2 }], clicks: [{ id: 'x' }] }));
    const run = await runCli(['import-bulk', 'batch.json', ...targetFlags(), ...s3Flags(), '--json'], {
      cwd: dir,
      env: env(),
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: unknown; imports: { collection: string; status: string }[] };
    expect(report.summary).toEqual({ events: 3, imported: 3, duplicates: 0, rejected: 0 });
    expect(report.imports.map((i) => [i.collection, i.status])).toEqual([
      ['signups', 'Complete'],
      ['clicks', 'Complete'],
    ]);
    // Recorded as a run, like a send: its imports (and the objects they read) are its requests.
    expect(run.stderr).toMatch(/Run \S+ recorded/);
    const runs = await runCli(['runs', 'list', '--json', '--user-data', join(dir, 'user-data')], { cwd: dir });
    const listed = JSON.parse(runs.stdout) as { runs: { source: string; counts: Record<string, number> }[] };
    expect(listed.runs.find((r) => r.source === 'batch.json')?.counts).toMatchObject({ imported: 3, rejected: 0 });
    const files = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));
    const history = files(join(dir, 'user-data'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(history).toContain('s3://batch-studio-imports/cli/');
    expect(history).not.toContain(s3.secretAccessKey);
  }, 120_000);

  it('usage mistakes exit 2: no --collection for NDJSON, a secret in argv, an unreadable file', async () => {
    writeFileSync(join(dir, 'plain.ndjson'), '{"id": 1}\n{"id": 2}\n');
    const noCollection = await runCli(['import-bulk', 'plain.ndjson', ...targetFlags(), ...s3Flags()], {
      cwd: dir,
      env: env(),
    });
    expect(noCollection.code).toBe(2);
    expect(noCollection.stderr).toContain(
      'plain.ndjson is NDJSON (one event per line): name the collection its events go to with --collection NAME.',
    );
    const inArgv = await runCli(
      [
        'import-bulk',
        'plain.ndjson',
        '--collection',
        'c',
        ...targetFlags(),
        '--s3-bucket',
        s3.bucket,
        `--s3-secret-access-key=${s3.secretAccessKey}`,
      ],
      { cwd: dir, env: env() },
    );
    expect(inArgv.code).toBe(2);
    expect(inArgv.stderr).toContain('--s3-secret-access-key is not accepted');
    expect(inArgv.stderr).not.toContain(s3.secretAccessKey);
    const missing = await runCli(['import-bulk', 'nope.ndjson', '--collection', 'c', ...targetFlags(), ...s3Flags()], {
      cwd: dir,
      env: env(),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read 'nope.ndjson': no such file");
  }, 60_000);

  it('a wrong S3 secret exits 1 with an error naming the bucket, never the secret', async () => {
    writeFileSync(join(dir, 'few.ndjson'), '{"id": 1}\n');
    const wrong = 'wrong-s3-secret-31f0c2aa';
    const run = await runCli(
      ['import-bulk', 'few.ndjson', '--collection', 'c', ...targetFlags(), ...s3Flags(), '--json'],
      { cwd: dir, env: { ...env(), S3_SECRET: wrong } },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Uploading to bucket 'batch-studio-imports' failed (403 SignatureDoesNotMatch)");
    expect(JSON.parse(run.stdout)).toMatchObject({
      summary: { events: 1, imported: 0 },
      imports: [{ status: 'NotStarted', id: null }],
      outcomes: [{ outcome: 'not-sent' }],
    });
    expect(run.stdout + run.stderr).not.toContain(wrong);
  }, 60_000);

  it('--profile takes the target and the bulk import section from the app profile, the S3 secret from BATCH_STUDIO_S3_SECRET_<PROFILE>', async () => {
    const userData = mkdtempSync(join(dir, 'user-data-'));
    const io = {
      stdout: () => undefined,
      stderr: () => undefined,
      env: {},
      cwd: dir,
      stderrIsTty: false,
      interrupted: new AbortController().signal,
    };
    const { service } = cliProfileService(io, ['--user-data', userData]);
    await service.create({
      name: 'Staging',
      baseUrl: sandbox.url,
      projectId: sandbox.projectId,
      bulkImport: { bucket: s3.bucket, prefix: 'profile/', endpoint: s3.url, accessKeyId: s3.accessKeyId },
    });
    writeFileSync(join(dir, 'profile.ndjson'), '{"id": "p1"}\n{"id": "p2"}\n');
    const run = await runCli(
      ['import-bulk', 'profile.ndjson', '--collection', 'p', '--profile', 'Staging', '--user-data', userData, '--json'],
      {
        cwd: dir,
        env: { BATCH_STUDIO_KEY_STAGING: sandbox.keys.push, BATCH_STUDIO_S3_SECRET_STAGING: s3.secretAccessKey },
      },
    );
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { imports: { s3Path: string }[] };
    expect(report.imports[0]?.s3Path).toMatch(/^s3:\/\/batch-studio-imports\/profile\//);
    // The saved secret never goes to another endpoint than its own.
    const elsewhere = await runCli(
      [
        'import-bulk',
        'profile.ndjson',
        '--collection',
        'p',
        '--profile',
        'Staging',
        '--user-data',
        userData,
        '--s3-endpoint',
        'http://127.0.0.1:9',
      ],
      {
        cwd: dir,
        env: { BATCH_STUDIO_KEY_STAGING: sandbox.keys.push, BATCH_STUDIO_S3_SECRET_STAGING: s3.secretAccessKey },
      },
    );
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('is only sent to its own endpoint');
  }, 120_000);
});
