// Runs the built `batch-studio` command as a real process and collects what it printed and its exit code.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './project-root';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The flags that aim a command at a sandbox, its key in the environment variable `keyEnv` (never an argument). */
export const sandboxTarget = (sandbox: { readonly url: string; readonly projectId: string }, keyEnv = 'BS_KEY') => [
  '--url',
  sandbox.url,
  '--project-id',
  sandbox.projectId,
  '--api-key-env',
  keyEnv,
];

/** `batch-studio ...args` in `cwd`, with a minimal environment (PATH plus `env`), so nothing of the caller's leaks in. */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Readonly<Record<string, string>> },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/batch-studio.mjs'), ...args], {
      cwd: options.cwd,
      env: { PATH: process.env['PATH'] ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
