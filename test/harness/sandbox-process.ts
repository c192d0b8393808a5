// Starts `batch-studio sandbox` as a real child process for integration tests and benches, and stops it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { ensureNodeBuilt } from './node-build';
import { projectRoot } from './project-root';

export interface SandboxKeys {
  readonly push: string;
  readonly query: string;
  readonly pushquery: string;
  readonly master: string;
}

export interface SandboxProcess {
  readonly url: string;
  readonly projectId: string;
  readonly keys: SandboxKeys;
  readonly dataDir?: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr so far (storage warnings, for instance). */
  stderr(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s so a test never hangs on it). */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

interface ReadyLine {
  url: string;
  projectId: string;
  keys: SandboxKeys;
  dataDir?: string;
}

const isReadyLine = (value: unknown): value is ReadyLine => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const keys = v['keys'] as Record<string, unknown> | undefined;
  return (
    typeof v['url'] === 'string' &&
    typeof v['projectId'] === 'string' &&
    typeof keys === 'object' &&
    keys !== null &&
    ['push', 'query', 'pushquery', 'master'].every((role) => typeof keys[role] === 'string')
  );
};

const waitForExit = (child: ChildProcess): Promise<void> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });

/** Spawns `node bin/batch-studio.mjs sandbox --port 0 --json ...args` and resolves once it prints its JSON line. */
export interface SandboxProcessOptions {
  /**
   * Caps the size of files the process may write (`ulimit -f`, in KiB) so a test can make its log writes fail
   * (EFBIG) without a full disk.
   */
  readonly fileSizeLimitKiB?: number;
  /** Flags for the Node process itself, before the script (a bench's `--max-old-space-size=4096`). */
  readonly nodeFlags?: readonly string[];
}

export async function startSandboxProcess(
  args: string[] = [],
  options: SandboxProcessOptions = {},
): Promise<SandboxProcess> {
  ensureNodeBuilt();
  const command = [...(options.nodeFlags ?? []), 'bin/batch-studio.mjs', 'sandbox', '--port', '0', '--json', ...args];
  const child =
    options.fileSizeLimitKiB === undefined
      ? spawn(process.execPath, command, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(
          '/bin/sh',
          ['-c', `ulimit -f ${options.fileSizeLimitKiB} && exec "$0" "$@"`, process.execPath, ...command],
          {
            cwd: projectRoot,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const ready = await new Promise<ReadyLine>((resolveReady, rejectReady) => {
    let stdout = '';
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      rejectReady(new Error(`sandbox did not start: ${reason}\nstderr: ${stderr}\nstdout: ${stdout}`));
    };
    const timer = setTimeout(() => fail('timed out'), STARTUP_TIMEOUT_MS);
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
    child.once('error', (error) => fail(error.message));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (settled) return;
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const line = stdout.slice(0, newline);
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return fail(`first line is not JSON: ${line}`);
      }
      if (!isReadyLine(parsed)) return fail(`unexpected ready line: ${line}`);
      settled = true;
      clearTimeout(timer);
      resolveReady(parsed);
    });
  });
  // Keep draining stdout so a chatty child never blocks on a full pipe.
  child.stdout?.resume();

  return {
    url: ready.url,
    projectId: ready.projectId,
    keys: ready.keys,
    ...(ready.dataDir !== undefined ? { dataDir: ready.dataDir } : {}),
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = waitForExit(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type SandboxRole = keyof SandboxKeys;

export interface SandboxCall {
  /** Role whose key is sent (default `push`), or `none` for no key. */
  readonly key?: SandboxRole | 'none';
  /** JSON value sent compact. */
  readonly body?: unknown;
  /** Exact text to send instead of `body`. */
  readonly bodyText?: string;
  /** Exact bytes to send (text that is not UTF-8, for instance). */
  readonly bodyBytes?: Uint8Array<ArrayBuffer>;
  readonly headers?: Record<string, string>;
}

export interface SandboxAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  /** The body parsed as JSON (throws when it is not). */
  json<T = unknown>(): T;
}

/** One request to a sandbox with its project id and the chosen role's key. */
export async function callSandbox(
  sandbox: Pick<SandboxProcess, 'url' | 'projectId' | 'keys'>,
  method: string,
  path: string,
  call: SandboxCall = {},
): Promise<SandboxAnswer> {
  const role = call.key ?? 'push';
  const headers: Record<string, string> = { 'X-Project-Id': sandbox.projectId, ...(call.headers ?? {}) };
  if (role !== 'none') headers['X-Api-Key'] = sandbox.keys[role];
  const body = call.bodyBytes ?? call.bodyText ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, json: <T>() => JSON.parse(text) as T };
}
