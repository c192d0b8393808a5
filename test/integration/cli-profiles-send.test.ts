// `batch-studio send FILE --profile NAME` as a real process: the saved profile's URL, project id and key from
// the app's user-data folder, production confirmation on the command line, clear refusals, and no key in output.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBuilt } from '../harness/node-build';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';

const KEY = 'sk-CLI-SEND-profile-key-1f2e';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const outputs: string[] = [];
let dir: string;
let userData: string;
let sandbox: SandboxProcess;
let batchFile: string;

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/batch-studio.mjs', ...args], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: join(dir, 'home'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

const batch = (prefix: string): string => {
  const path = join(dir, `${prefix}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      purchases: [
        { id: `${prefix}-1`, price: 1 },
        { id: `${prefix}-2`, price: 2 },
      ],
      views: [{ id: `${prefix}-3` }],
    }),
  );
  return path;
};

const stored = async (collection: string): Promise<number> =>
  (await callSandbox(sandbox, 'GET', `/events/${collection}/export`, { key: 'query' })).json<{ results: unknown[] }>()
    .results.length;

beforeAll(async () => {
  ensureNodeBuilt();
  dir = mkdtempSync(join(tmpdir(), 'bs-cli-profile-send-'));
  userData = join(dir, 'user-data');
  sandbox = await startSandboxProcess(['--project-id', 'cli-send', '--push-key', KEY]);
  batchFile = batch('first');
  const add = (name: string, extra: string[]) =>
    cli(
      ['profiles', 'add', name, '--project-id', 'cli-send', '--url', sandbox.url, ...extra, '--user-data', userData],
      { STAGING_KEY: KEY },
    );
  expect((await add('Staging', ['--api-key-env', 'STAGING_KEY', '--accept-file-storage'])).code).toBe(0);
  expect((await add('Prod', ['--api-key-env', 'STAGING_KEY', '--production'])).code).toBe(0);
  expect((await add('Keyless', [])).code).toBe(0);
});

afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
  for (const text of outputs) expect(text).not.toContain(KEY);
});

describe('batch-studio send --profile', () => {
  it('sends with the saved profile (name in any case), found through --user-data or BATCH_STUDIO_USER_DATA', async () => {
    const run = await cli(['send', batchFile, '--profile', 'staging', '--user-data', userData]);
    expect(run.stderr).toMatch(/^Run \S+ recorded\n$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`3 events in 1 request to ${sandbox.url} (project cli-send).`);
    expect(await stored('purchases')).toBe(2);
    const again = await cli(['send', batch('second'), '--profile', 'Staging'], { BATCH_STUDIO_USER_DATA: userData });
    expect(again.code).toBe(0);
    expect(await stored('purchases')).toBe(4);
  });

  it('asks for --confirm-production before sending to a production profile', async () => {
    const refused = await cli(['send', batch('prod'), '--profile', 'Prod', '--user-data', userData]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/"Prod" is a production target: add --confirm-production/);
    expect(await stored('views')).toBe(2);
    const confirmed = await cli([
      'send',
      batch('prod'),
      '--profile',
      'Prod',
      '--confirm-production',
      '--user-data',
      userData,
    ]);
    expect(confirmed.code).toBe(0);
    expect(await stored('views')).toBe(3);
  });

  it('explains an unknown profile, a profile without a key, the built-in sandbox and a clash with --url', async () => {
    expect((await cli(['send', batchFile, '--profile', 'Nope', '--user-data', userData])).stderr).toMatch(
      /no profile named "Nope"/,
    );
    const keyless = await cli(['send', batchFile, '--profile', 'Keyless', '--user-data', userData]);
    expect(keyless.code).not.toBe(0);
    expect(keyless.stderr).toMatch(/No API key is set for "Keyless".*BATCH_STUDIO_KEY_KEYLESS/);
    // The environment variable stands in for a missing saved key.
    expect(
      (
        await cli(['send', batch('env'), '--profile', 'Keyless', '--user-data', userData], {
          BATCH_STUDIO_KEY_KEYLESS: KEY,
        })
      ).code,
    ).toBe(0);
    expect((await cli(['send', batchFile, '--profile', 'Local sandbox', '--user-data', userData])).stderr).toMatch(
      /runs inside the app/,
    );
    const clash = await cli(['send', batchFile, '--profile', 'Staging', '--url', sandbox.url, '--user-data', userData]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/--profile gives the URL and project id; drop --url/);
  });
});
