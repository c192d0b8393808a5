// `batch-studio test` as a real process against its own fresh sandbox: passes and fails where it should,
// prints per-case and per-event lines, exit codes 0/1/2, and JUnit XML that parses with the expected shape.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBuilt } from '../harness/node-build';
import { startSandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';
import { runCli, type CliRun as Run } from '../harness/cli-process';

let dir: string;
beforeAll(() => {
  ensureNodeBuilt();
  dir = mkdtempSync(join(tmpdir(), 'bs-test-'));
  cpSync(join(projectRoot, 'test/fixtures/qa'), dir, { recursive: true });
  cpSync(join(projectRoot, 'test/fixtures/schemas'), join(dir, 'schemas'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli([command, ...args], {
    cwd: dir,
    env: { HOME: join(dir, 'home'), BATCH_STUDIO_USER_DATA: join(dir, 'user-data'), ...env },
  });
}

const test = (args: string[]) => cli('test', args);

/** Parses strictly: any well-formedness error fails. */
function parseXml(text: string): Document {
  const problems: string[] = [];
  const record = (message: string) => problems.push(message);
  const document = new DOMParser({
    errorHandler: { warning: record, error: record, fatalError: record },
  }).parseFromString(text, 'text/xml');
  expect(problems).toEqual([]);
  return document as unknown as Document;
}

const elements = (parent: Document | Element, name: string): Element[] =>
  Array.from(parent.getElementsByTagName(name) as ArrayLike<Element>);

describe('batch-studio test', () => {
  it('passes cases whose expectations hold, against a fresh sandbox, and exits 0', async () => {
    const run = await test(['passing.case.json', 'duplicates.case.json']);
    expect(run.stderr).toContain('2 cases: 2 passed, 0 failed; 7 events: 7 as expected, 0 not.');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'PASS passing.case.json: Purchases: valid events stored, reserved names rejected (3 events: 3 passed)',
    );
    expect(run.stdout).toContain('  ✓ purchases[1] rejected (rejected containing "tp_")');
    // The setup push ran first, so the first copy is a duplicate; the sandbox was emptied between cases.
    expect(run.stdout).toContain(
      'PASS duplicates.case.json: Resending an id is reported as a duplicate (4 events: 3 passed, 1 not checked)',
    );
    expect(run.stdout).toContain('  ✓ purchases[0] duplicate');
    expect(run.stdout).toContain('  - signups[0] accepted (not checked)');
  });

  it('fails a case whose expectations do not hold, event by event, and exits 1', async () => {
    const run = await test(['passing.case.json', 'failing.case.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'FAIL failing.case.json: Expectations that do not hold (3 events: 1 passed, 2 failed)',
    );
    expect(run.stdout).toContain('  ✗ purchases[0] expected rejected containing "must be a number", got accepted');
    expect(run.stdout).toContain(
      `  ✗ purchases[1] rejected as expected, but the message "Top level properties cannot be named '_id'." does not match /^Something else/`,
    );
    expect(run.stdout).toContain('  ✓ purchases[2] rejected (rejected matching /cannot start with \\$/)');
    expect(run.stderr).toContain('2 cases: 1 passed, 1 failed');
  });

  it('runs a schema case against the sandbox enforcing --schemas', async () => {
    const enforced = await test(['schemas.case.json', '--schemas', 'schemas']);
    expect(enforced.code).toBe(0);
    const plain = await test(['schemas.case.json']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('  ✗ purchases[1] expected rejected matching');
  });

  it('writes JUnit XML that parses: one testsuite per case file, one testcase per event, failures with expected and actual', async () => {
    const run = await test([
      'passing.case.json',
      'failing.case.json',
      'duplicates.case.json',
      '--junit',
      'out/../report.xml',
    ]);
    expect(run.code).toBe(1);
    const document = parseXml(readFileSync(join(dir, 'report.xml'), 'utf8'));
    const root = document.documentElement;
    expect(root.tagName).toBe('testsuites');
    expect(root.getAttribute('tests')).toBe('10');
    expect(root.getAttribute('failures')).toBe('2');
    const suites = elements(document, 'testsuite');
    expect(
      suites.map((s) => [
        s.getAttribute('file'),
        s.getAttribute('tests'),
        s.getAttribute('failures'),
        s.getAttribute('skipped'),
      ]),
    ).toEqual([
      ['passing.case.json', '3', '0', '0'],
      ['failing.case.json', '3', '2', '0'],
      ['duplicates.case.json', '4', '0', '1'],
    ]);
    const failing = suites[1] as Element;
    const cases = elements(failing, 'testcase');
    expect(cases.map((c) => c.getAttribute('name'))).toEqual([
      'purchases[0] id "p-1"',
      'purchases[1] id "p-2"',
      'purchases[2] id "p-3"',
    ]);
    const failure = elements(cases[0] as Element, 'failure')[0];
    expect(failure?.getAttribute('message')).toBe('expected rejected containing "must be a number", got accepted');
    expect(failure?.textContent).toBe('expected: rejected containing "must be a number"\nactual: accepted');
    expect(elements(suites[2] as Element, 'skipped')).toHaveLength(1);
  });

  it('prints every case and event with --json', async () => {
    const run = await test(['failing.case.json', '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as {
      cases: { passed: boolean; events: { expected: string; actual: string; passed: boolean }[] }[];
      summary: Record<string, number>;
    };
    expect(out.summary).toMatchObject({ cases: 1, passed: 0, failed: 1, events: 3, failedEvents: 2 });
    expect(out.cases[0]?.events.map((e) => [e.actual, e.passed])).toEqual([
      ['accepted', false],
      ['rejected', false],
      ['rejected', true],
    ]);
  });

  it('exits 2 on a file that is not a valid test case or cannot be read, saying why', async () => {
    const run = await test(['invalid.case.json', 'missing.case.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'invalid.case.json' is not a valid test case:\n  - name: cannot be empty");
    expect(run.stderr).toContain("cannot read 'missing.case.json': no such file.");
    const none = await test([]);
    expect(none.code).toBe(2);
  });

  it('refuses an unknown profile as a usage error', async () => {
    const run = await test(['passing.case.json', '--profile', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope/);
  });

  it('runs against a profile of the user-data folder, whose key never shows', async () => {
    const KEY = 'sk-QA-PROFILE-distinctive-7f7f';
    const staging = await startSandboxProcess([
      '--project-id',
      'qa-staging',
      '--push-key',
      KEY,
      '--schemas',
      'test/fixtures/schemas',
    ]);
    try {
      const added = await cli(
        'profiles',
        [
          'add',
          'Staging',
          '--project-id',
          'qa-staging',
          '--url',
          staging.url,
          '--api-key-env',
          'STAGING_KEY',
          '--accept-file-storage',
        ],
        { STAGING_KEY: KEY },
      );
      expect(added.code).toBe(0);
      const run = await test(['schemas.case.json', '--profile', 'Staging']);
      expect(run.stdout).toContain('PASS schemas.case.json');
      expect(run.code).toBe(0);
      // setup.reset cannot empty a profile's server: the case fails and says why.
      const reset = await test(['duplicates.case.json', '--profile', 'Staging']);
      expect(reset.code).toBe(1);
      expect(reset.stdout).toContain(
        '! setup.reset empties only the local sandbox, and this case runs against profile "Staging"',
      );
      for (const text of [added.stdout, added.stderr, run.stdout, run.stderr, reset.stdout, reset.stderr])
        expect(text).not.toContain(KEY);
    } finally {
      await staging.stop();
    }
  });
});
