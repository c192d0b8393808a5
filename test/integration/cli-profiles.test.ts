// `batch-studio profiles` as a real process on a temp user-data folder, against a real sandbox process:
// add (key from an env var or stdin, consent to file storage), list (key status only), test (ok, then 401),
// remove; refusals of --api-key on argv and of changes while the app holds the folder. No output shows a key.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBuilt } from '../harness/node-build';
import { startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';

const KEY = 'sk-CLI-DISTINCTIVE-profile-4e4e';
const WRONG = 'sk-CLI-WRONG-profile-key-8d8d';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const outputs: string[] = [];

function cli(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/batch-studio.mjs', 'profiles', ...args], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: home, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdin.end(options.stdin ?? '');
    child.once('error', reject);
    child.once('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
let home: string;
let userData: string;
let sandbox: SandboxProcess;

beforeAll(async () => {
  ensureNodeBuilt();
  dir = mkdtempSync(join(tmpdir(), 'bs-cli-profiles-'));
  home = join(dir, 'home');
  userData = join(dir, 'user-data');
  sandbox = await startSandboxProcess(['--project-id', 'cli-staging', '--push-key', KEY]);
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
  for (const text of outputs) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(WRONG);
  }
});

describe('batch-studio profiles', () => {
  it('lists the built-in Local sandbox in a fresh folder', async () => {
    const run = await cli(['list', '--user-data', userData]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^NAME\s+URL\s+PROJECT\s+KEY/);
    expect(run.stdout).toMatch(/Local sandbox\s+\(runs inside the app\).*built in/);
  });

  it('refuses a key on the command line without echoing it', async () => {
    const run = await cli([
      'add',
      'Staging',
      '--project-id',
      'cli-staging',
      `--api-key=${KEY}`,
      '--user-data',
      userData,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--api-key is not accepted/);
  });

  /** `profiles add Staging` aimed at the sandbox, its key in STAGING_KEY, with `more` flags. */
  const addStaging = (...more: string[]) =>
    cli(
      [
        'add',
        'Staging',
        '--project-id',
        'cli-staging',
        '--url',
        sandbox.url,
        '--api-key-env',
        'STAGING_KEY',
        ...more,
        '--user-data',
        userData,
      ],
      { env: { STAGING_KEY: KEY } },
    );

  it('asks for consent before keeping a key in a plain file, and creates nothing until then', async () => {
    const run = await addStaging();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/mode 0600.*--accept-file-storage/);
    expect((await cli(['list', '--user-data', userData])).stdout).not.toMatch(/Staging/);
  });

  it('adds a profile with its key from an env var, lists only the key status, and tests the connection', async () => {
    const add = await addStaging('--color', '#aa3300', '--accept-file-storage');
    expect(add.stderr).toMatch(/mode 0600/);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`Added "Staging": ${sandbox.url} (project cli-staging), key set ••••${KEY.slice(-4)}`);

    const keys = join(userData, 'keys.json');
    expect(statSync(keys).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(userData, 'profiles.json'), 'utf8')).not.toContain(KEY);

    const list = await cli(['list', '--user-data', userData]);
    expect(list.stderr).toMatch(/unencrypted in a file only your user can read \(mode 0600\)/);
    expect(list.stdout).toMatch(
      new RegExp(
        `Staging\\s+${sandbox.url.replace(/[.]/g, '\\.')}\\s+cli-staging\\s+set ••••${KEY.slice(-4)} · file, no keychain · changed \\d{4}-\\d\\d-\\d\\d`,
      ),
    );
    const json = JSON.parse((await cli(['list', '--json', '--user-data', userData])).stdout) as {
      profiles: { name: string; key: { set: boolean } }[];
      storage: { accepted: boolean };
    };
    expect(json.profiles.map((p) => p.name)).toEqual(['Local sandbox', 'Staging']);
    expect(json.storage).toMatchObject({ protection: 'file', accepted: true });

    const test = await cli(['test', 'staging', '--user-data', userData]);
    expect(test.stdout).toMatch(/^Staging: ok\. http:\/\/127\.0\.0\.1:\d+ accepted the project id and key\./);
    expect(test.code).toBe(0);
  });

  it('changes the key from stdin; a wrong key fails the test with a clear 401 message', async () => {
    const set = await cli(['set-key', 'Staging', '--api-key-stdin', '--user-data', userData], { stdin: `${WRONG}\n` });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`set ••••${WRONG.slice(-4)}`);
    const test = await cli(['test', 'Staging', '--json', '--user-data', userData]);
    expect(test.code).toBe(1);
    expect(JSON.parse(test.stdout)).toMatchObject({ profile: 'Staging', verdict: 'unauthorised', status: 401 });
    // The environment variable BATCH_STUDIO_KEY_<PROFILE> overrides the saved key; the folder from BATCH_STUDIO_USER_DATA.
    const fromEnv = await cli(['test', 'Staging'], {
      env: { BATCH_STUDIO_USER_DATA: userData, BATCH_STUDIO_KEY_STAGING: KEY },
    });
    expect(fromEnv.code).toBe(0);
  });

  it('refuses to change profiles while the app holds the folder', async () => {
    writeFileSync(join(userData, 'instance.lock'), `${process.pid}\n`);
    try {
      const run = await cli(['remove', 'Staging', '--user-data', userData]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Batch Studio is running with the data folder .* close it first/);
    } finally {
      rmSync(join(userData, 'instance.lock'));
    }
  });

  it('keeps a bulk import section from --s3-* flags and an S3 secret from stdin, printing only its last 4', async () => {
    const S3 = 's3-CLI-DISTINCTIVE-secret-6a6a';
    const add = await cli([
      'add',
      'Bulk',
      '--project-id',
      'p-bulk',
      '--url',
      sandbox.url,
      '--s3-bucket',
      'cli-bulk',
      '--s3-prefix',
      'imports/',
      '--s3-region',
      'eu-west-1',
      '--s3-endpoint',
      'http://127.0.0.1:9000',
      '--s3-access-key-id',
      'AKIACLI',
      '--user-data',
      userData,
    ]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Bulk import: s3://cli-bulk/imports/ at http://127.0.0.1:9000, secret not set.');
    const set = await cli(['set-s3-secret', 'Bulk', '--user-data', userData], { stdin: `${S3}\n` });
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(new RegExp(`^S3 secret of "Bulk": set ••••${S3.slice(-4)} · file, no keychain`));
    const list = await cli(['list', '--user-data', userData]);
    expect(list.stdout).toMatch(/NAME\s+URL\s+PROJECT\s+KEY\s+BULK IMPORT/);
    expect(list.stdout).toContain(`s3://cli-bulk/imports/ at http://127.0.0.1:9000, secret set ••••${S3.slice(-4)}`);
    const json = JSON.parse((await cli(['list', '--json', '--user-data', userData])).stdout) as {
      profiles: { name: string; bulkImport?: { bucket: string; secret: { set: boolean } } }[];
    };
    expect(json.profiles.find((p) => p.name === 'Bulk')?.bulkImport).toMatchObject({
      bucket: 'cli-bulk',
      region: 'eu-west-1',
      accessKeyId: 'AKIACLI',
      secret: { set: true },
    });
    expect(readFileSync(join(userData, 'keys.json'), 'utf8')).not.toContain(S3);

    const onArgv = await cli(['set-s3-secret', 'Bulk', `--s3-secret=${S3}`, '--user-data', userData]);
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toMatch(/--s3-secret is not accepted: command-line arguments are visible/);
    const empty = await cli(['set-s3-secret', 'Bulk', '--user-data', userData]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/reads the S3 secret from stdin/);
    const stray = await cli(['add', 'Stray', '--project-id', 'p', '--s3-region', 'eu-west-1', '--user-data', userData]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--s3-region needs --s3-bucket/);
    const badBucket = await cli(['add', 'Bad', '--project-id', 'p', '--s3-bucket', 'No_Such', '--user-data', userData]);
    expect(badBucket.code).toBe(1);
    expect(badBucket.stderr).toMatch(/bucket name must be 3 to 63/);
    for (const run of [add, set, list, onArgv, empty]) expect(run.stdout + run.stderr).not.toContain(S3.slice(0, -4));
    expect((await cli(['remove', 'Bulk', '--user-data', userData])).code).toBe(0);
  });

  it('removes a profile and its key; unknown names and actions are explained', async () => {
    const remove = await cli(['remove', 'Staging', '--user-data', userData]);
    expect(remove.code).toBe(0);
    expect(JSON.parse(readFileSync(join(userData, 'keys.json'), 'utf8'))).toMatchObject({ version: 1, keys: {} });
    expect(readFileSync(join(userData, 'keys.json'), 'utf8')).not.toContain('"data"');
    const again = await cli(['remove', 'Staging', '--user-data', userData]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no profile named "Staging"/);
    expect((await cli(['remove', 'Local sandbox', '--user-data', userData])).stderr).toMatch(
      /built in and cannot be deleted/,
    );
    expect((await cli(['rename', '--user-data', userData])).stderr).toMatch(/unknown action 'rename'/);
  });
});
