// The command-line contract of `batch-studio sandbox` (spec §10): the ready line, usage errors, signals.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { ensureNodeBuilt } from '../harness/node-build';
import { startSandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/batch-studio.mjs', 'sandbox', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 30_000,
  });

beforeAll(() => {
  ensureNodeBuilt();
});

describe('batch-studio sandbox', () => {
  it('prints one line with its base URL, answers there, and exits 0 on SIGINT', async () => {
    const child = spawn(process.execPath, ['bin/batch-studio.mjs', 'sandbox', '--port', '0', '--project-id', 'p1'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    expect(url, line).toBeDefined();
    expect(line).toContain('p1');
    expect(await (await fetch(`${url}/sandbox/health`)).json()).toEqual({ status: 'ok' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('--json prints url, projectId and the given keys', async () => {
    const sandbox = await startSandboxProcess(['--project-id', 'pj', '--push-key', 'kp', '--master-key', 'km']);
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.projectId).toBe('pj');
      expect(sandbox.keys.push).toBe('kp');
      expect(sandbox.keys.master).toBe('km');
      expect(sandbox.keys.query).toMatch(/\S{16,}/);
      expect(new Set(Object.values(sandbox.keys)).size).toBe(4);
    } finally {
      await sandbox.stop();
    }
  });

  const bad: [string, string[]][] = [
    ['an unknown flag', ['--nope']],
    ['a positional argument', ['extra']],
    ['a port that is not a number', ['--port', 'abc']],
    ['a port out of range', ['--port', '70000']],
    ['an unknown duplicates mode', ['--duplicates', 'maybe']],
    ['a rate above 1', ['--fail-events', '2']],
    ['a negative rate', ['--drop-requests', '-0.1']],
    ['a latency that is not a number', ['--latency', 'slow']],
    ['a seed that is not a whole number', ['--seed', '1.5']],
    ['a flag without its value', ['--port']],
    ['an empty key', ['--push-key', '']],
  ];
  for (const [name, args] of bad) {
    it(`exits 2 with the usage for ${name}`, () => {
      const result = cli(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage: batch-studio sandbox');
      expect(result.stdout).toBe('');
    });
  }

  it('exits 1 with a clear message when the port is taken', async () => {
    const first = await startSandboxProcess();
    try {
      const port = new URL(first.url).port;
      const result = cli(['--port', port]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/already in use/);
    } finally {
      await first.stop();
    }
  });
});
