// `batch-studio send` run in this process through its CliIo port against an in-process sandbox: the
// terminal progress line, SIGINT before anything was answered, and a 100,000-event file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/commands/send';
import type { CliIo } from '../../electron/cli/io';
import { startSandbox } from '../../electron/sandbox/server';
import { sandboxTarget } from '../harness/cli-process';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let dir: string;
let sandbox: Sandbox;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-send-io-'));
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function io(options: { tty?: boolean; interrupted?: AbortSignal } = {}) {
  const out = { stdout: '', stderr: '' };
  const port: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    env: { BS_KEY: sandbox.keys.push },
    cwd: dir,
    stderrIsTty: options.tty ?? false,
    interrupted: options.interrupted ?? new AbortController().signal,
  };
  return { port, out };
}

// Not recorded in history: these tests read stderr exactly (history has its own tests, cli-history.test.ts).
const args = (name: string, ...more: string[]) =>
  ['send', name, ...sandboxTarget(sandbox), '--no-record', ...more].slice(1);
const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, n: i }));

describe('batch-studio send through its io port', () => {
  it('redraws one progress line on a terminal and ends it with a newline', async () => {
    writeFileSync(join(dir, 'tty.json'), JSON.stringify({ tty: ids(9, 't') }));
    const { port, out } = io({ tty: true });
    expect(await run(args('tty.json', '--chunk-size', '3'), port)).toBe(0);
    expect(out.stderr).toBe(
      '\r\x1b[KSending: request 1/3, 3/9 events\r\x1b[KSending: request 2/3, 6/9 events\r\x1b[KSending: request 3/3, 9/9 events\n',
    );
    expect(out.stdout).toMatch(/^9 events in 3 requests/);
  });

  it('prints no progress for a single request', async () => {
    writeFileSync(join(dir, 'one.json'), JSON.stringify({ one: ids(2, 'o') }));
    const { port, out } = io();
    expect(await run(args('one.json'), port)).toBe(0);
    expect(out.stderr).toBe('');
  });

  it('interrupted before any answer: everything not-sent, cancelled, the report still printed, exit 130 (143 for SIGTERM)', async () => {
    writeFileSync(join(dir, 'int.json'), JSON.stringify({ int: ids(3, 'i') }));
    const controller = new AbortController();
    controller.abort();
    const { port, out } = io({ interrupted: controller.signal });
    expect(await run(args('int.json', '--json'), port)).toBe(130);
    const report = JSON.parse(out.stdout) as {
      summary: Record<string, unknown>;
      outcomes: { outcome: string; message: string }[];
    };
    expect(report.summary).toMatchObject({ cancelled: true, 'not-sent': 3, attempts: 0 });
    expect(report.outcomes.every((o) => o.outcome === 'not-sent' && /cancelled/.test(o.message))).toBe(true);
    const term = new AbortController();
    term.abort('SIGTERM');
    expect(await run(args('int.json', '--json'), io({ interrupted: term.signal }).port)).toBe(143);
  });

  it('writes every outcome to --results as CSV, JSON or JUnit, and refuses other extensions', async () => {
    writeFileSync(join(dir, 'res.json'), JSON.stringify({ res: [{ id: 'r1' }, { id: 'r2', $bad: 1 }] }));
    for (const name of ['out.csv', 'out.json', 'out.xml']) {
      const { port } = io();
      expect(await run(args('res.json', '--force', '--results', name), port)).toBe(1);
    }
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\r\n').slice(0, 3)).toEqual([
      'collection,index,id,outcome,message,request',
      'res,0,r1,accepted,,1',
      'res,1,r2,rejected,Property names cannot start with $.,1',
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toHaveLength(2);
    expect(readFileSync(join(dir, 'out.xml'), 'utf8')).toContain('tests="2" failures="1"');
    const { port, out } = io();
    expect(await run(args('res.json', '--results', 'out.txt'), port).catch((e: Error) => e.message)).toMatch(
      /\.csv, \.json or \.xml/,
    );
    expect(out.stdout).toBe('');
  });

  it('shows control characters from a server as escapes, never raw on the terminal', async () => {
    const hostile = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        res.end(JSON.stringify({ esc: [{ success: false, message: '\u001b[2J\u001b]0;owned\u0007 cleared' }] })),
      );
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    try {
      writeFileSync(join(dir, 'esc.json'), JSON.stringify({ esc: [{ id: 'e' }] }));
      const { port, out } = io();
      const url = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
      expect(await run(['esc.json', '--url', url, '--project-id', 'p', '--api-key-env', 'BS_KEY'], port)).toBe(1);
      expect(out.stdout).toContain('(\\u001b[2J\\u001b]0;owned\\u0007 cleared)');
      expect(out.stdout).not.toContain('\u001b');
    } finally {
      hostile.closeAllConnections();
      hostile.close();
    }
  });

  it('sends a 100,000-event file in 20 requests', async () => {
    writeFileSync(join(dir, 'big.json'), JSON.stringify({ big: ids(60_000, 'b'), bigger: ids(40_000, 'g') }));
    const { port, out } = io();
    expect(await run(args('big.json'), port)).toBe(0);
    expect(out.stdout).toMatch(/^100,000 events in 20 requests/);
    expect(out.stdout).toMatch(/total\s+100,000\s+100,000\s+0\s+0\s+0\s+0/);
    expect(out.stderr.trim().split('\n')).toHaveLength(20);
    expect(sandbox.keys.push.length).toBeGreaterThan(4);
    expect(out.stdout + out.stderr).not.toContain(sandbox.keys.push);
  });
});
