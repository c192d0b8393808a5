// `batch-studio lint` on a big file stops soon after SIGINT (issue 8 §4): a real process, a real file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNodeBuilt } from '../harness/node-build';
import { projectRoot } from '../harness/project-root';

let dir: string;
beforeAll(() => {
  ensureNodeBuilt();
  dir = mkdtempSync(join(tmpdir(), 'bs-lint-signal-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** CPU seconds a process has used so far (Linux: utime + stime of /proc/PID/stat, in clock ticks). */
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** A batch that takes seconds to lint: 400,000 events, every tenth one broken (lint got fast enough to finish 200,000 within the CPU second waited for below). */
const bigBatch = (): string => {
  const events = Array.from({ length: 400_000 }, (_, i) => ({
    id: `evt-${i}`,
    timestamp: i % 10 === 0 ? 'yesterday' : '2024-05-01T12:00:00.000Z',
    customer: { name: `Ada ${i}`, email: `ada${i}@example.com` },
    quantity: i % 5,
  }));
  return JSON.stringify({ purchases: events }, null, 2);
};

describe('batch-studio lint and signals', () => {
  it('stops a long lint on SIGINT, says so, and exits 130', async () => {
    writeFileSync(join(dir, 'big.json'), bigBatch());
    const child = spawn(process.execPath, [join(projectRoot, 'bin/batch-studio.mjs'), 'lint', 'big.json'], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const pid = child.pid ?? -1;
    // Well into the work (the file read and the code compiled) before the signal: half a CPU second used.
    await expect.poll(() => cpuSeconds(pid), { timeout: 60_000, interval: 20 }).toBeGreaterThan(0.5);
    const sent = performance.now();
    child.kill('SIGINT');
    const code = await closed;
    console.log(`lint stopped ${(performance.now() - sent).toFixed(0)} ms after SIGINT`);
    expect(code).toBe(130);
    expect(stderr).toBe(
      "batch-studio lint: interrupted: 'big.json' was not checked to the end, so nothing is reported.\n",
    );
    expect(stdout).toBe('');
  }, 240_000);
});
