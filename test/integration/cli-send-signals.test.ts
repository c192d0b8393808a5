// `batch-studio send` stopped by SIGINT / SIGTERM as a real process against a slow sandbox: it stops at
// once, prints the report so far (the request in flight `unknown`), and exits 130 / 143. Prints how long
// the process took to exit after the signal (the target, 200 ms, is checked by reading, not asserted).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxTarget } from '../harness/cli-process';
import { startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';

let dir: string;
let sandbox: SandboxProcess;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-send-signals-'));
  sandbox = await startSandboxProcess(['--latency', '1000']);
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Stopped {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from the signal to the exit. */
  readonly responseMs: number;
}

/** Runs a send and sends `signal` once stderr shows `when`. */
function sendAndStop(file: string, args: string[], signal: NodeJS.Signals, when: RegExp): Promise<Stopped> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/batch-studio.mjs', 'send', file, ...sandboxTarget(sandbox), ...args], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', BS_KEY: sandbox.keys.push },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalledAt: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      if (signalledAt === undefined && when.test(stderr)) {
        signalledAt = performance.now();
        child.kill(signal);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const responseMs = signalledAt === undefined ? NaN : performance.now() - signalledAt;
      child.once('close', () => resolve({ code, stdout, stderr, responseMs }));
    });
  });
}

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, n: i }));

describe('batch-studio send stopped by a signal', () => {
  it('SIGINT while a request is with the server: the report so far, the request in flight unknown, exit 130', async () => {
    const file = join(dir, 'int.json');
    writeFileSync(file, JSON.stringify({ sig: ids(6, 's') }));
    const run = await sendAndStop(file, ['--chunk-size', '2', '--json'], 'SIGINT', /Sent request 1\/3/);
    console.log(`send stopped ${run.responseMs.toFixed(0)} ms after SIGINT (request in flight)`);
    expect(run.code).toBe(130);
    const report = JSON.parse(run.stdout) as {
      summary: Record<string, unknown>;
      outcomes: { outcome: string; message?: string }[];
    };
    expect(report.summary['cancelled']).toBe(true);
    expect(report.outcomes.map((o) => o.outcome)).toEqual([
      'accepted',
      'accepted',
      'unknown',
      'unknown',
      'not-sent',
      'not-sent',
    ]);
    expect(report.outcomes[2]?.message).toMatch(/cancelled.*resend is safe only for an event with an id/);
  }, 60_000);

  // Recorded in history (the default), the stop also waits for the run to be written.
  it.each([[[] as string[]], [['--no-record']]])(
    'SIGTERM during a long send of 200,000 events %j: stops, prints the text report, exit 143',
    async (extra) => {
      // Ids of their own, so the first request is accepted again rather than found a duplicate.
      const tag = extra.length === 0 ? 'r' : 'n';
      const file = join(dir, `term-${tag}.json`);
      writeFileSync(file, JSON.stringify({ a: ids(100_000, `a${tag}`), b: ids(100_000, `b${tag}`) }));
      const run = await sendAndStop(
        file,
        ['--user-data', join(dir, 'user-data'), ...extra],
        'SIGTERM',
        /Sent request 1\/40/,
      );
      console.log(
        `send ${extra.join(' ') || '(recorded)'} stopped ${run.responseMs.toFixed(0)} ms after SIGTERM (200,000 events, request in flight)`,
      );
      expect(run.code).toBe(143);
      expect(run.stdout).toMatch(/^200,000 events in 40 requests/);
      expect(run.stdout).toMatch(/total\s+200,000\s+5,000\s+0\s+0\s+190,000\s+5,000/);
      expect(run.stdout).toContain('Cancelled:');
    },
    60_000,
  );
});
