// `batch-studio lint` as a real process on real temp files: the line format, the --json shape, exit codes 0/1/2.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBuilt } from '../harness/node-build';
import { runCli, type CliRun as Run } from '../harness/cli-process';

let dir: string;
beforeAll(() => {
  ensureNodeBuilt();
  dir = mkdtempSync(join(tmpdir(), 'bs-lint-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string): string => {
  writeFileSync(join(dir, name), content);
  return name;
};

/** Runs the built CLI in the temp folder, so files are named as a person would type them. */
function lint(args: string[]): Promise<Run> {
  return runCli(['lint', ...args], { cwd: dir });
}

const broken = [
  '{',
  '  "purchases": [',
  '    {"id": "1", "tp_source": "web"},',
  '    {"id": "2", "timestamp": "2015-07-01T05:07:57+01:00"}',
  '  ]',
  '}',
].join('\n');

describe('batch-studio lint', () => {
  it('prints file:line:column severity code message per problem, a summary on stderr, and exits 1 on errors', async () => {
    const name = file('broken.json', broken);
    const run = await lint([name]);
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'broken.json:3:17 error reserved-prefix-tp Property `tp_source` of `purchases[0]` is reserved: names starting with tp_ (any case) cannot be set, so the API rejects this event. Rename it.',
      'broken.json:4:30 warning timestamp-not-utc The timestamp "2015-07-01T05:07:57+01:00" of `purchases[1]` has an offset, not Z: the API will store it as 2015-07-01T04:07:57.000Z. Write that UTC form so the file says what will be stored.',
    ]);
    expect(run.stderr).toBe('broken.json: 1 error, 1 warning, 0 infos in 2 events of 1 collection.\n');
  });

  it('names the file as it was given, folders included', async () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    file('sub/b.json', '{"c": [{"id": 1, "a.b": 1}]}');
    const run = await lint(['./sub/b.json']);
    expect(run.stdout).toMatch(/^\.\/sub\/b\.json:1:18 error property-name-dot /);
    expect(run.code).toBe(1);
  });

  it('keeps one diagnostic per line when a name holds a line break', async () => {
    const run = await lint([file('newline.json', '{"c": [{"id": 1, "a\\nb.c": 1}]}')]);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'newline.json:1:18 error property-name-dot Property `a\\nb.c` of `c[0]` contains a period (.), which property names cannot have at any depth: the API rejects this event. Rename it, e.g. `a\\nb_c`.',
    ]);
  });

  it('exits 0 when there are only warnings and infos, or nothing at all', async () => {
    const warnings = await lint([file('warn.json', '{"c": [{}, {"id": 1, "id": 2}]}')]);
    expect(warnings.code).toBe(0);
    expect(warnings.stdout).toMatch(/warning event-empty/);
    expect(warnings.stdout).toMatch(/info id-missing/);
    const clean = await lint([file('clean.json', '{"c": [{"id": "a", "timestamp": "2015-02-05T14:55:56.587Z"}]}')]);
    expect(clean).toEqual({ code: 0, stdout: '', stderr: 'clean.json: no problems in 1 event of 1 collection.\n' });
  });

  it('reports a syntax error at its position and exits 1', async () => {
    const run = await lint([file('syntax.json', '{\n  "c": [\n    {"a": 1,}\n  ]\n}')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^syntax\.json:3:13 error json-syntax Trailing comma before `\}`/);
  });

  it('prints the --json shape of spec §10', async () => {
    const run = await lint([file('json.json', broken), '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as {
      diagnostics: Record<string, unknown>[];
      summary: Record<string, unknown>;
    };
    expect(Object.keys(report)).toEqual(['diagnostics', 'summary']);
    expect(report.diagnostics).toHaveLength(2);
    expect(report.diagnostics[0]).toEqual({
      code: 'reserved-prefix-tp',
      severity: 'error',
      message: expect.stringMatching(/is reserved/) as unknown,
      collection: 'purchases',
      index: 0,
      path: '/tp_source',
      line: 3,
      column: 17,
    });
    expect(report.summary).toEqual({ file: 'json.json', errors: 1, warnings: 1, infos: 0, collections: 1, events: 2 });
  });

  it('gives null collection and index in --json for whole-batch problems', async () => {
    const run = await lint([file('array.json', '[{"a": 1}]'), '--json']);
    const report = JSON.parse(run.stdout) as { diagnostics: Record<string, unknown>[] };
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: 'batch-not-object',
        collection: null,
        index: null,
        path: '',
        line: 1,
        column: 1,
      }),
    ]);
    expect(run.code).toBe(1);
  });

  it('exits 2 and says which file and why when it cannot be read', async () => {
    const missing = await lint(['nope.json']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: "batch-studio lint: cannot read 'nope.json': no such file.\n",
    });
    mkdirSync(join(dir, 'folder.json'), { recursive: true });
    const folder = await lint(['folder.json']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/cannot read 'folder\.json': it is a folder/);
  });

  it('exits 2 with the usage when the file is missing or a flag is unknown', async () => {
    const none = await lint([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/name the batch file.*\nUsage: batch-studio lint FILE/);
    const flag = await lint(['x.json', '--nope']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--nope/);
  });

  it('takes --schemas: a schema folder that cannot be read is a usage error (the rest: cli-lint-schemas.test.ts)', async () => {
    const run = await lint([file('schemas.json', '{"c": [{"id": 1}]}'), '--schemas', 'schemas/']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read the schema folder 'schemas\/': no such folder/);
  });

  it('checks a 100,000-event file (about 30 MB)', async () => {
    const events = Array.from({ length: 100_000 }, (_, i) => ({
      id: i === 99_999 ? 0 : i,
      timestamp: '2024-05-01T12:00:00.000Z',
      customer: { name: `Customer ${i}`, email: `c${i}@example.com` },
      product: { sku: `SKU-${i % 997}`, price: 34.95 },
      ...(i === 54_321 ? { 'bad.name': true } : {}),
    }));
    const name = file('big.json', JSON.stringify({ purchases: events }, null, 2));
    const run = await lint([name, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      diagnostics: { code: string; index: number }[];
      summary: Record<string, number>;
    };
    expect(report.diagnostics.map((d) => [d.code, d.index])).toEqual([
      ['batch-over-limit', 5000],
      ['property-name-dot', 54_321],
      ['id-duplicate-in-batch', 99_999],
    ]);
    expect(report.summary).toMatchObject({ errors: 1, warnings: 1, infos: 1, events: 100_000 });
  });
});
