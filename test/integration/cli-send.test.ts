// `batch-studio send` as a real process against a real sandbox process: chunking, duplicates, retries
// under injected faults, lint refusal, --force, exit codes, the --json shape, SIGINT, and a key that never shows.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';
import { sandboxTarget } from '../harness/cli-process';

const STORAGE_FAILURE = 'An error occurred inserting the event please try again.';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface JsonReport {
  summary: Record<string, number | boolean | string>;
  collections: {
    name: string;
    events: number;
    accepted: number;
    duplicate: number;
    rejected: number;
    'not-sent': number;
    unknown: number;
  }[];
  outcomes: {
    collection: string;
    index: number;
    id?: string | number;
    outcome: string;
    message?: string;
    request?: number;
    retryable?: boolean;
  }[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bs-send-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
};

/** Runs the built CLI; `onStderr` may act on the process while it runs (SIGINT). */
function cli(
  args: string[],
  env: Record<string, string> = {},
  onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/batch-studio.mjs', ...args], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      onStderr?.(stderr, (signal) => child.kill(signal));
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ids = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, n: i, timestamp: '2026-01-01T00:00:00Z' }));
const env = (s: SandboxProcess) => ({ BS_KEY: s.keys.push });
/** What the sandbox stored; asked again when a fault-injecting sandbox drops or fails the export itself. */
async function exported(s: SandboxProcess, collection: string): Promise<unknown[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await callSandbox(s, 'GET', `/events/${collection}/export`, { key: 'query' });
      if (answer.status === 200) return answer.json<{ results: unknown[] }>().results;
      if (attempt >= 30) throw new Error(`export answered ${answer.status}: ${answer.text}`);
    } catch (error) {
      if (attempt >= 30) throw error;
    }
  }
}
const noKey = (s: SandboxProcess, run: Run) => {
  expect(run.stdout).not.toContain(s.keys.push);
  expect(run.stderr).not.toContain(s.keys.push);
};

describe('batch-studio send against a plain sandbox', () => {
  let sandbox: SandboxProcess;
  beforeAll(async () => {
    sandbox = await startSandboxProcess();
  });
  afterAll(() => sandbox.stop());

  it('sends in several chunks, reports per collection, and a second send is all duplicates', async () => {
    const batch = file('multi.json', { pageviews: ids(7, 'p'), clicks: ids(3, 'c') });
    const first = await cli(['send', batch, ...sandboxTarget(sandbox), '--chunk-size', '4'], env(sandbox));
    expect(first.stderr).toMatch(/Sent request 1\/3, 4\/10 events\n/);
    expect(first.stderr).toMatch(/Sent request 3\/3, 10\/10 events\n/);
    expect(first.stdout).toMatch(/^10 events in 3 requests to /);
    expect(first.stdout).toMatch(/pageviews\s+7\s+7\s+0\s+0\s+0\s+0/);
    expect(first.stdout).toMatch(/total\s+10\s+10\s+0/);
    expect(first.code).toBe(0);
    expect(await exported(sandbox, 'pageviews')).toHaveLength(7);

    const second = await cli(['send', batch, ...sandboxTarget(sandbox), '--chunk-size', '4', '--json'], env(sandbox));
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout) as JsonReport;
    expect(report.summary).toMatchObject({
      events: 10,
      accepted: 0,
      duplicate: 10,
      rejected: 0,
      'not-sent': 0,
      unknown: 0,
      requests: 3,
      cancelled: false,
    });
    expect(report.collections.map((c) => [c.name, c.events, c.duplicate])).toEqual([
      ['pageviews', 7, 7],
      ['clicks', 3, 3],
    ]);
    expect(report.outcomes[0]).toEqual({
      collection: 'pageviews',
      index: 0,
      id: 'p-0',
      outcome: 'duplicate',
      message: 'An event with the same id has already been inserted.',
      request: 1,
    });
    expect(report.outcomes[8]).toMatchObject({ collection: 'clicks', index: 1, request: 3 });
    expect(await exported(sandbox, 'pageviews')).toHaveLength(7);
    noKey(sandbox, first);
    noKey(sandbox, second);
  });

  it('refuses a batch with lint errors, printed like lint, and sends nothing', async () => {
    const batch = file('bad.json', { refused: [{ id: 'r1' }, { id: 'r2', tp_source: 'x' }] });
    const run = await cli(['send', batch, ...sandboxTarget(sandbox)], env(sandbox));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.json:\d+:\d+ error reserved-prefix-tp /);
    expect(run.stderr).toMatch(/nothing sent: 1 error.*--valid-only.*--force/);
    expect(run.stdout).toBe('');
    expect(await exported(sandbox, 'refused')).toHaveLength(0);
  });

  it('sends anyway with --force: the API rejects the broken event, the rest is stored, exit 1', async () => {
    const batch = file('forced.json', { forced: [{ id: 'f1' }, { id: 'f2', tp_source: 'x' }, { id: 'f3' }] });
    const run = await cli(['send', batch, ...sandboxTarget(sandbox), '--force', '--json'], env(sandbox));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/sending despite 1 error \(--force\)/);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(report.outcomes[1]?.message).toBe('Property names starting with tp_ are reserved and cannot be set.');
    expect(await exported(sandbox, 'forced')).toHaveLength(2);
  });

  it('sends only the valid events with --valid-only: the others are not-sent with their error', async () => {
    const batch = file('valid-only.json', { vo: [{ id: 'v1' }, { id: 'v2', 'a.b': 1 }, { id: 'v3' }] });
    const run = await cli(['send', batch, ...sandboxTarget(sandbox), '--valid-only', '--json'], env(sandbox));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/leaving out 1 event with errors \(--valid-only\)/);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'not-sent', 'accepted']);
    expect(report.outcomes[1]).toMatchObject({
      id: 'v2',
      message: expect.stringMatching(/^Not sent: it has errors \(property-name-dot: /),
    });
    expect(report.outcomes[1]?.request).toBeUndefined();
    expect(await exported(sandbox, 'vo')).toHaveLength(2);
  });

  it('reads NDJSON into the collection named by --collection, and asks for one when missing', async () => {
    const ndjson = file('events.ndjson', '{"id": "n1"}\n\n{"id": "n2"}\n');
    const missing = await cli(['send', ndjson, ...sandboxTarget(sandbox)], env(sandbox));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/NDJSON.*--collection NAME/);
    const run = await cli(['send', ndjson, ...sandboxTarget(sandbox), '--collection', 'lines'], env(sandbox));
    expect(run.code).toBe(0);
    expect(await exported(sandbox, 'lines')).toHaveLength(2);
    const bad = file('bad.ndjson', '{"id": "n3"}\n{"id": \n');
    const refused = await cli(['send', bad, ...sandboxTarget(sandbox), '--collection', 'lines'], env(sandbox));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.ndjson:2 error Line 2 is not valid JSON/);
  });

  it('a wrong key: every event not-sent with the server message, exit 1, the key never printed', async () => {
    const batch = file('wrongkey.json', { w: ids(2, 'w') });
    const run = await cli(['send', batch, ...sandboxTarget(sandbox)], { BS_KEY: 'not-the-right-key-123' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('HTTP 401: Unauthorised. Please check your Project Id and API Key.');
    expect(run.stdout).not.toContain('not-the-right-key-123');
    expect(run.stderr).not.toContain('not-the-right-key-123');
  });

  it('usage errors exit 2: missing variable, --api-key on the command line, bad numbers, unreadable file', async () => {
    const batch = file('u.json', { u: ids(1, 'u') });
    const noVar = await cli(['send', batch, ...sandboxTarget(sandbox)], {});
    expect(noVar.code).toBe(2);
    expect(noVar.stderr).toMatch(/environment variable BS_KEY is not set or is empty/);
    const emptyVar = await cli(['send', batch, ...sandboxTarget(sandbox)], { BS_KEY: '' });
    expect(emptyVar.code).toBe(2);

    const flag = await cli(
      ['send', batch, '--url', sandbox.url, '--project-id', sandbox.projectId, `--api-key=${sandbox.keys.push}`],
      env(sandbox),
    );
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--api-key is not accepted: command-line arguments are visible to every user/);
    noKey(sandbox, flag);

    const typo = await cli(['send', batch, ...sandboxTarget(sandbox), `--apikey=${sandbox.keys.push}`], env(sandbox));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown option '--apikey'/);
    noKey(sandbox, typo);

    const keyAsName = await cli(['send', batch, ...sandboxTarget(sandbox, 'a-key-value/with+chars')], env(sandbox));
    expect(keyAsName.code).toBe(2);
    expect(keyAsName.stderr).not.toContain('a-key-value/with+chars');

    expect((await cli(['send', batch, ...sandboxTarget(sandbox), '--chunk-size', '5001'], env(sandbox))).code).toBe(2);
    expect((await cli(['send', batch, ...sandboxTarget(sandbox), '--retries', 'x'], env(sandbox))).code).toBe(2);
    const unreadable = await cli(['send', join(dir, 'nope.json'), ...sandboxTarget(sandbox)], env(sandbox));
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/cannot read .*no such file/);
  });
});

describe('batch-studio send under injected faults', () => {
  it('--fail-events 0.3 --seed 1: events with ids are resent until delivered; events without ids are not resent', async () => {
    const sandbox = await startSandboxProcess(['--fail-events', '0.3', '--seed', '1']);
    try {
      const events = [...ids(40, 'fe'), ...Array.from({ length: 10 }, (_, i) => ({ n: i }))];
      const run = await cli(
        ['send', file('fail-events.json', { fe: events }), ...sandboxTarget(sandbox), '--json'],
        env(sandbox),
      );
      const report = JSON.parse(run.stdout) as JsonReport;
      const withId = report.outcomes.filter((o) => o.id !== undefined);
      const withoutId = report.outcomes.filter((o) => o.id === undefined);
      expect(withId).toHaveLength(40);
      expect(withId.every((o) => o.outcome === 'accepted' || o.outcome === 'duplicate')).toBe(true);
      expect(report.summary['requests']).toBeGreaterThan(1);
      expect(
        withoutId.every(
          (o) =>
            o.outcome === 'accepted' ||
            (o.outcome === 'rejected' && o.message === STORAGE_FAILURE && o.retryable === true),
        ),
      ).toBe(true);
      expect(run.code).toBe(withoutId.every((o) => o.outcome === 'accepted') ? 0 : 1);
      expect(await exported(sandbox, 'fe')).toHaveLength(40 + withoutId.filter((o) => o.outcome === 'accepted').length);
    } finally {
      await sandbox.stop();
    }
  });

  it('--drop-requests and --fail-requests with a seed: requests are retried until every event is stored once', async () => {
    const sandbox = await startSandboxProcess(['--drop-requests', '0.3', '--fail-requests', '0.3', '--seed', '1']);
    try {
      const run = await cli(
        [
          'send',
          file('faulty.json', { dr: ids(40, 'dr') }),
          ...sandboxTarget(sandbox),
          '--chunk-size',
          '5',
          '--retries',
          '12',
          '--json',
        ],
        env(sandbox),
      );
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.summary).toMatchObject({ events: 40, accepted: 40, requests: 8 });
      expect(report.summary['attempts']).toBeGreaterThan(8);
      expect(await exported(sandbox, 'dr')).toHaveLength(40);
      noKey(sandbox, run);
    } finally {
      await sandbox.stop();
    }
  });

  it('spec §9: answers slower than --timeout: every event is stored once and reported unknown, none not-sent', async () => {
    const sandbox = await startSandboxProcess(['--latency', '300']);
    try {
      // Two collections: an export answers at most 10,000 events.
      const run = await cli(
        [
          'send',
          file('late.json', { late1: ids(10_000, 'la'), late2: ids(10_000, 'lb') }),
          ...sandboxTarget(sandbox),
          '--timeout',
          '200',
          '--retries',
          '1',
          '--json',
        ],
        env(sandbox),
      );
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.summary).toMatchObject({ events: 20_000, unknown: 20_000, 'not-sent': 0 });
      expect(report.outcomes[0]?.message).toMatch(/timed out.*a resend is safe only for an event with an id/);
      for (const collection of ['late1', 'late2']) {
        const stored = (await exported(sandbox, collection)) as { id: string }[];
        expect(stored).toHaveLength(10_000);
        expect(new Set(stored.map((e) => e.id)).size).toBe(10_000);
      }
    } finally {
      await sandbox.stop();
    }
  });

  it('SIGINT cancels the request in flight and still prints the report', async () => {
    const sandbox = await startSandboxProcess(['--latency', '1500']);
    try {
      let interrupted = false;
      const run = await cli(
        ['send', file('slow.json', { slow: ids(4, 's') }), ...sandboxTarget(sandbox), '--chunk-size', '1', '--json'],
        env(sandbox),
        (stderr, kill) => {
          if (!interrupted && stderr.includes('Sent request 1/4')) {
            interrupted = true;
            kill('SIGINT');
          }
        },
      );
      expect(run.code).toBe(130);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.summary['cancelled']).toBe(true);
      // The request in flight may have been stored: unknown; the two never sent: not-sent.
      expect(report.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'unknown', 'not-sent', 'not-sent']);
      expect(report.outcomes[1]?.message).toMatch(/cancelled/);
    } finally {
      await sandbox.stop();
    }
  });
});
