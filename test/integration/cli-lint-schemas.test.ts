// `batch-studio lint FILE --schemas DIR` as a real process: schema diagnostics with positions, draft-07 and
// 2020-12 side by side, a broken schema file reported on stderr while the others keep working.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBuilt } from '../harness/node-build';
import { projectRoot } from '../harness/project-root';
import { runCli, type CliRun as Run } from '../harness/cli-process';

let dir: string;
beforeAll(() => {
  ensureNodeBuilt();
  dir = mkdtempSync(join(tmpdir(), 'bs-lint-schemas-'));
  cpSync(join(projectRoot, 'test/fixtures/schemas'), dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(args: string[]): Promise<Run> {
  return runCli(['lint', ...args], { cwd: dir });
}

const schemaLines = (stdout: string) => stdout.split('\n').filter((line) => line.includes(' schema-violation '));

describe('batch-studio lint --schemas', () => {
  it('reports schema violations at their line and column and exits 1', async () => {
    const run = await lint(['batch.json', '--schemas', '.']);
    expect(run.code).toBe(1);
    const lines = schemaLines(run.stdout);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(
      /^batch\.json:14:24 error schema-violation .*`purchasePrice` must be a number, got the string "34\.95"/,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^batch\.json:18:23 error schema-violation .*`items\[1\]\.quantity` must be a whole number/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^batch\.json:29:52 error schema-violation .*`plan` must be one of "free", "pro", "team", got "gold"/,
      ),
    );
    expect(run.stderr).not.toMatch(/schema .*\.schema\.json/);
  });

  it('gives the same findings in --json form', async () => {
    const run = await lint(['batch.json', '--schemas', '.', '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as {
      diagnostics: { code: string; collection: string; index: number; path: string; line: number; column: number }[];
    };
    const schema = out.diagnostics.filter((d) => d.code === 'schema-violation');
    expect(schema.map((d) => `${d.collection}[${d.index}]${d.path}@${d.line}:${d.column}`)).toEqual([
      'purchases[1]/purchasePrice@14:24',
      'purchases[1]/plan@15:15',
      'purchases[1]/items/1@18:9',
      'purchases[1]/items/1/quantity@18:23',
      'purchases[1]/address/zipp@20:44',
      'purchases[2]@22:5',
      'signups[1]/userId@29:30',
      'signups[1]/plan@29:52',
    ]);
  });

  it('reports each broken schema file with its path and reason, and still checks the others', async () => {
    const run = await lint(['batch.json', '--schemas', 'with-broken']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`schema ${join(dir, 'with-broken', 'signups.schema.json')}: not valid JSON`);
    expect(run.stderr).toContain(
      `schema ${join(dir, 'with-broken', 'clicks.schema.json')}: at /type: "objekt" is not a JSON type`,
    );
    expect(run.stderr).not.toContain('README.txt');
    const lines = schemaLines(run.stdout);
    // purchases still checked; signups' schema is broken, so its events are not.
    expect(lines.some((line) => line.includes('`purchasePrice` must be a number'))).toBe(true);
    expect(lines.some((line) => line.includes('`userId`'))).toBe(false);
  });

  it('exits 0 when the events match their schemas', async () => {
    const clean = {
      purchases: [
        {
          id: 'p-1',
          timestamp: '2024-05-01T12:30:00Z',
          customerId: 'c-1',
          purchasePrice: 34.95,
          plan: 'pro',
          items: [{ sku: 'A1', quantity: 1 }],
        },
      ],
      signups: [{ id: 's-1', userId: '3f2b8c1e-0d7a-4e4b-9c1a-5b6e2f9d8a70', plan: 'team', referrer: null }],
    };
    writeFileSync(join(dir, 'clean.json'), JSON.stringify(clean, null, 2));
    const run = await lint(['clean.json', '--schemas', '.']);
    expect(schemaLines(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('exits 2 when the schema folder cannot be read', async () => {
    const run = await lint(['batch.json', '--schemas', 'no-such-folder']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot read the schema folder 'no-such-folder': no such folder.");
  });
});
