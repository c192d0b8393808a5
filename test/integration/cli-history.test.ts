// Import, history, replay, resend failures, compare and export through the real CLI against a real sandbox
// process over loopback, in a temp user-data folder; and a send killed with SIGKILL leaves an incomplete run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, sandboxTarget, type CliRun } from '../harness/cli-process';
import { startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';

interface ListedRun {
  id: string;
  startedAt: string;
  finishedAt?: string;
  complete: boolean;
  target: { name?: string; url: string; projectId: string };
  source: string;
  events: number;
  counts: Record<'accepted' | 'duplicate' | 'rejected' | 'not-sent' | 'unknown', number>;
}

let dir: string;
let userData: string;
let sandbox: SandboxProcess;
let flaky: SandboxProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-history-cli-'));
  userData = join(dir, 'user-data');
  [sandbox, flaky] = await Promise.all([
    startSandboxProcess(['--project-id', 'hist']),
    startSandboxProcess(['--project-id', 'flaky', '--fail-events', '0.3', '--seed', '7']),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([sandbox?.stop(), flaky?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
  runCli(args, {
    cwd: dir,
    env: { BATCH_STUDIO_USER_DATA: userData, BS_KEY: sandbox.keys.push, FLAKY_KEY: flaky.keys.push, ...env },
  });

const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};
const runIdOf = (run: CliRun): string => {
  const id = /^Run (\S+) recorded$/m.exec(run.stderr)?.[1];
  if (!id) throw new Error(`no run recorded: ${run.stderr}`);
  return id;
};
const listRuns = async (): Promise<ListedRun[]> =>
  (JSON.parse((await cli(['runs', 'list', '--json'])).stdout) as { runs: ListedRun[] }).runs;

describe('batch-studio import', () => {
  it('writes a batch of the good lines, problems on stderr with line numbers, exit 1 when some were left out', async () => {
    file('mixed.ndjson', '{"id":"a","n":1}\n{"id":"b",\n\n{"n":3}\n');
    const run = await cli(['import', 'mixed.ndjson', '--collection', 'views', '--add-ids', '--out', 'mixed.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^mixed\.ndjson:2:\d+ Line 2 is not valid JSON/m);
    const batch = JSON.parse(readFileSync(join(dir, 'mixed.json'), 'utf8')) as { views: { id: string }[] };
    expect(batch.views).toHaveLength(2);
    expect(batch.views[1]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('exit 2 on usage and I/O errors', async () => {
    expect((await cli(['import', 'nope.csv', '--collection', 'x', '--out', 'o.json'])).code).toBe(2);
    expect((await cli(['import', 'mixed.ndjson', '--out', 'o.json'])).code).toBe(2);
    expect(
      (await cli(['import', 'mixed.ndjson', '--collection', 'x', '--out', 'o.json', '--shift-timestamps', 'soon']))
        .code,
    ).toBe(2);
  });

  it('imports a 100,000-line NDJSON file, shifting timestamps so the latest lands at --latest-at', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++)
      lines.push(
        JSON.stringify({ id: `e${i}`, timestamp: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(), n: i }),
      );
    file('big.ndjson', lines.join('\n') + '\n');
    const run = await cli([
      'import',
      'big.ndjson',
      '--collection',
      'big',
      '--latest-at',
      '2026-06-01T00:00:00Z',
      '--out',
      'big.json',
    ]);
    expect(run.stderr).toContain('Imported 100,000 events');
    expect(run.code).toBe(0);
    const batch = JSON.parse(readFileSync(join(dir, 'big.json'), 'utf8')) as { big: { timestamp: string }[] };
    expect(batch.big).toHaveLength(100_000);
    expect(batch.big[99_999]?.timestamp).toBe('2026-06-01T00:00:00.000Z');
  }, 120_000);
});

describe('lint and send of event files', () => {
  it('lints NDJSON as a collection’s events, each problem at its line and column in the file', async () => {
    file('lint.ndjson', '{"id":"a"}\n{"id":"b","$x":1}\nnot json\n');
    const run = await cli(['lint', 'lint.ndjson', '--collection', 'views', '--json']);
    expect(run.code).toBe(1);
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: { code: string; line: number; column: number }[] };
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['property-name-dollar', 2],
      ['json-syntax', 3],
    ]);
    expect(diagnostics[0]?.column).toBe(11);
  });

  it('sends a CSV file as events (not as a batch) and reports a line that is not an event as not-sent with its line', async () => {
    file('rows.csv', 'id,n\nr1,1\nr2,"x"y\nr3,3\n');
    const run = await cli([
      'send',
      'rows.csv',
      '--collection',
      'rows',
      '--valid-only',
      '--json',
      ...sandboxTarget(sandbox),
    ]);
    const report = JSON.parse(run.stdout) as {
      runId: string;
      outcomes: { index: number; outcome: string; message?: string }[];
    };
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'not-sent', 'accepted']);
    expect(report.outcomes[1]?.message).toMatch(/^Line 3/);
    expect(report.runId).toBe(runIdOf(run));
  });
});

describe('history of CLI sends', () => {
  let first: string;
  let resend: string;

  it('records a send as a run that `runs list` and `runs show` return in the documented shape', async () => {
    file(
      'people.csv',
      'id,customer.name,age\n,Ann,30\n,Bo,41\np3,Cy,22\n,Di,35\n,Ed,50\n,Flo,61\np7,Gus,18\n,Hal,27\n,Ivy,33\n,Jo,44\n',
    );
    expect((await cli(['import', 'people.csv', '--collection', 'people', '--out', 'people.json'])).code).toBe(0);
    const sent = await cli(['send', 'people.json', ...sandboxTarget(flaky, 'FLAKY_KEY')]);
    first = runIdOf(sent);
    const runs = await listRuns();
    const run = runs.find((r) => r.id === first);
    expect(run).toMatchObject({
      complete: true,
      source: 'people.json',
      events: 10,
      target: { url: flaky.url, projectId: 'flaky' },
    });
    expect(runs[0]?.id).toBe(first);
    // Storage failures of events without an id stay rejected (a resend could store them twice).
    expect((run?.counts.rejected ?? 0) + (run?.counts.accepted ?? 0)).toBe(10);
    expect(run?.counts.rejected).toBeGreaterThan(0);
    const shown = JSON.parse((await cli(['runs', 'show', first, '--json'])).stdout) as {
      run: { batchText: string };
      outcomes: { collection: string; index: number; outcome: string; request: number }[];
    };
    expect(shown.run.batchText).toBe(readFileSync(join(dir, 'people.json'), 'utf8'));
    expect(shown.outcomes).toHaveLength(10);
    expect(shown.outcomes[0]).toMatchObject({ collection: 'people', index: 0, request: 1 });
    expect(JSON.stringify(shown)).not.toContain(flaky.keys.push);
  });

  it('resends the failures (warning that events without ids may be stored twice) and compares the two runs', async () => {
    const again = await cli(['send', '--resend-failures', first, ...sandboxTarget(sandbox)]);
    expect(again.stderr).toMatch(/have no id: if an earlier copy was stored/);
    resend = runIdOf(again);
    const before = (await listRuns()).find((r) => r.id === first);
    const after = (await listRuns()).find((r) => r.id === resend);
    expect(after?.events).toBe(before?.counts.rejected);
    expect(after?.counts.accepted).toBe(after?.events);
    const compared = JSON.parse((await cli(['runs', 'compare', first, resend, '--json'])).stdout) as {
      summary: Record<string, number>;
      changes: { kind: string }[];
    };
    expect(compared.summary).toEqual(
      expect.objectContaining({
        same: expect.any(Number),
        changed: expect.any(Number),
        onlyInA: expect.any(Number),
        onlyInB: expect.any(Number),
      }),
    );
    expect(
      (compared.summary['same'] ?? 0) + (compared.summary['changed'] ?? 0) + (compared.summary['onlyInA'] ?? 0),
    ).toBe(10);
  });

  it('replays a run to another target and exports its results as JUnit, CSV and JSON', async () => {
    const replayed = await cli(['replay', first, ...sandboxTarget(sandbox)]);
    const replay = runIdOf(replayed);
    const run = (await listRuns()).find((r) => r.id === replay);
    expect(run).toMatchObject({ source: `replay of ${first} (people.json)`, target: { url: sandbox.url } });
    expect(run?.counts.accepted).toBe(10);
    expect((await cli(['runs', 'export', first, '--results', 'first.xml'])).code).toBe(0);
    const xml = readFileSync(join(dir, 'first.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(10);
    expect(xml).toContain('<failure type="rejected"');
    expect((await cli(['runs', 'export', first, '--results', 'first.csv'])).code).toBe(0);
    expect(readFileSync(join(dir, 'first.csv'), 'utf8').split('\r\n')).toHaveLength(12);
    expect((await cli(['runs', 'export', first, '--results', 'first.txt'])).code).toBe(2);
  });

  it('deletes a run; an unknown run is a usage error that says so', async () => {
    expect((await cli(['runs', 'delete', resend])).code).toBe(0);
    expect((await listRuns()).some((r) => r.id === resend)).toBe(false);
    const missing = await cli(['runs', 'show', resend]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No run');
  });

  it('does not record with --no-record', async () => {
    const count = (await listRuns()).length;
    const run = await cli(['send', 'people.json', '--no-record', ...sandboxTarget(sandbox)]);
    expect(run.stderr).not.toContain('recorded');
    expect(await listRuns()).toHaveLength(count);
  });
});

describe('history limits', () => {
  it('keeps as many runs as the app’s Preferences say, unless BATCH_STUDIO_HISTORY_MAX_RUNS overrides them', async () => {
    const own = join(dir, 'limited-user-data');
    mkdirSync(own);
    writeFileSync(join(own, 'settings.json'), JSON.stringify({ version: 1, preferences: { historyMaxRuns: 2 } }));
    const env = { BATCH_STUDIO_USER_DATA: own };
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      file(`limited-${n}.json`, JSON.stringify({ limited: [{ id: `lim-${n}` }] }));
      ids.push(runIdOf(await cli(['send', `limited-${n}.json`, ...sandboxTarget(sandbox)], env)));
    }
    const listed = async () =>
      (JSON.parse((await cli(['runs', 'list', '--json'], env)).stdout) as { runs: ListedRun[] }).runs.map((r) => r.id);
    expect(await listed()).toEqual([ids[2], ids[1]]);
    const last = runIdOf(
      await cli(['send', 'limited-1.json', ...sandboxTarget(sandbox)], { ...env, BATCH_STUDIO_HISTORY_MAX_RUNS: '1' }),
    );
    expect(await listed()).toEqual([last]);
  });
});

describe('crash safety', () => {
  it('a send killed with SIGKILL mid-way is listed as incomplete with every outcome known so far', async () => {
    const slow = await startSandboxProcess(['--project-id', 'slow', '--latency', '150']);
    try {
      const events = Array.from({ length: 20_000 }, (_, i) => ({ id: `k${i}`, n: i }));
      file('crash.json', JSON.stringify({ crash: events }));
      const crashData = join(dir, 'crash-user-data');
      const answered = await new Promise<number>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            join(projectRoot, 'bin/batch-studio.mjs'),
            'send',
            'crash.json',
            '--chunk-size',
            '500',
            ...sandboxTarget(slow),
          ],
          {
            cwd: dir,
            env: { PATH: process.env['PATH'] ?? '', BS_KEY: slow.keys.push, BATCH_STUDIO_USER_DATA: crashData },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        let done = 0;
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
          const last = [...stderr.matchAll(/Sent request (\d+)\/40/g)].pop();
          if (last && Number(last[1]) >= 5 && done === 0) {
            done = Number(last[1]);
            child.kill('SIGKILL');
          }
        });
        child.once('error', reject);
        child.once('exit', (_code, signal) =>
          signal === 'SIGKILL' ? resolve(done) : reject(new Error(`send ended by itself: ${stderr}`)),
        );
      });
      const listed = await runCli(['runs', 'list', '--json'], { cwd: dir, env: { BATCH_STUDIO_USER_DATA: crashData } });
      const [run] = (JSON.parse(listed.stdout) as { runs: ListedRun[] }).runs;
      expect(run).toMatchObject({ complete: false, events: 20_000 });
      expect(run?.finishedAt).toBeUndefined();
      // Progress is printed after the journal line is written, so at least that many outcomes are on disk.
      expect(run?.counts.accepted).toBeGreaterThanOrEqual(answered * 500);
      expect(run?.counts.accepted).toBeLessThan(20_000);
      const shown = JSON.parse(
        (
          await runCli(['runs', 'show', run?.id ?? '', '--json'], {
            cwd: dir,
            env: { BATCH_STUDIO_USER_DATA: crashData },
          })
        ).stdout,
      ) as { outcomes: { index: number }[] };
      expect(shown.outcomes.map((o) => o.index)).toEqual(Array.from({ length: shown.outcomes.length }, (_, i) => i));
    } finally {
      await slow.stop();
    }
  }, 120_000);
});
