// batch-studio sandbox: runs the Connect-compatible sandbox server until SIGINT/SIGTERM (spec §10).
import { resolve } from 'node:path';
import { EXIT, UsageError, type CliIo } from '../io';
import { parseCommandLine } from '../command-line';
import { startSandbox, type SandboxOptions } from '../../sandbox/server';
import { loadSchemaFolder, schemaProblemLines, SchemaFolderError } from '../../services/schema-folder';

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'project-id': { type: 'string' },
  'push-key': { type: 'string' },
  'query-key': { type: 'string' },
  'pushquery-key': { type: 'string' },
  'master-key': { type: 'string' },
  duplicates: { type: 'string' },
  latency: { type: 'string' },
  'fail-events': { type: 'string' },
  'fail-requests': { type: 'string' },
  'drop-requests': { type: 'string' },
  'drop-after-store': { type: 'string' },
  seed: { type: 'string' },
  // Beyond spec §10: where bulk import (spec §7) reads s3:// paths from.
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  // Beyond spec §10: enforce `<collection>.schema.json` files, rejecting violating events.
  schemas: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const integer = (flag: string, text: string, min: number, max: number): number => {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not '${text}'.`);
  }
  return value;
};

const rate = (flag: string, text: string | undefined): number => {
  if (text === undefined) return 0;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--${flag} must be a share from 0 to 1 (for example 0.1), not '${text}'.`);
  }
  return value;
};

const nonEmpty = (flag: string, text: string | undefined): string | undefined => {
  if (text !== undefined && text === '') throw new UsageError(`--${flag} cannot be empty.`);
  return text;
};

/** Flags → sandbox options; every mistake is a UsageError (exit 2). */
export function parseSandboxFlags(
  argv: string[],
  cwd: string,
): { options: SandboxOptions; json: boolean; schemas?: string } {
  const { values } = parseCommandLine({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  const duplicates = values.duplicates ?? 'report';
  if (duplicates !== 'report' && duplicates !== 'silent') {
    throw new UsageError(`--duplicates must be 'report' or 'silent', not '${duplicates}'.`);
  }
  const keys = {
    push: nonEmpty('push-key', values['push-key']),
    query: nonEmpty('query-key', values['query-key']),
    pushquery: nonEmpty('pushquery-key', values['pushquery-key']),
    master: nonEmpty('master-key', values['master-key']),
  };
  const projectId = nonEmpty('project-id', values['project-id']);
  const s3Endpoint = nonEmpty('s3-endpoint', values['s3-endpoint']);
  if (s3Endpoint !== undefined && !/^https?:\/\/[^/]/.test(s3Endpoint)) {
    throw new UsageError(`--s3-endpoint must be an http:// or https:// URL, not '${s3Endpoint}'.`);
  }
  const s3Region = nonEmpty('s3-region', values['s3-region']);
  const dataDir = nonEmpty('data-dir', values['data-dir']);
  const options: SandboxOptions = {
    host: nonEmpty('host', values.host) ?? '127.0.0.1',
    port: values.port === undefined ? 8787 : integer('port', values.port, 0, 65535),
    ...(dataDir !== undefined ? { dataDir: resolve(cwd, dataDir) } : {}),
    ...(projectId !== undefined ? { projectId } : {}),
    keys: Object.fromEntries(Object.entries(keys).filter(([, key]) => key !== undefined)),
    duplicates,
    latencyMs: values.latency === undefined ? 0 : integer('latency', values.latency, 0, 600_000),
    failEvents: rate('fail-events', values['fail-events']),
    failRequests: rate('fail-requests', values['fail-requests']),
    dropRequests: rate('drop-requests', values['drop-requests']),
    dropAfterStore: rate('drop-after-store', values['drop-after-store']),
    ...(values.seed !== undefined ? { seed: integer('seed', values.seed, 0, 0xffffffff) } : {}),
    ...(s3Endpoint !== undefined ? { s3Endpoint } : {}),
    ...(s3Region !== undefined ? { s3Region } : {}),
  };
  const schemas = nonEmpty('schemas', values.schemas);
  return { options, json: values.json === true, ...(schemas !== undefined ? { schemas } : {}) };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { options, json, schemas: schemaFolder } = parseSandboxFlags(argv, io.cwd);
  if (io.interrupted.aborted) return EXIT.ok;
  let schemas;
  if (schemaFolder !== undefined) {
    try {
      const loaded = await loadSchemaFolder(resolve(io.cwd, schemaFolder), schemaFolder);
      for (const line of schemaProblemLines(loaded.problems)) io.stderr(`batch-studio sandbox: ${line}\n`);
      schemas = loaded.checks;
    } catch (error) {
      if (error instanceof SchemaFolderError) throw new UsageError(error.message);
      throw error;
    }
  }
  let sandbox;
  try {
    sandbox = await startSandbox({
      ...options,
      ...(schemas ? { schemas } : {}),
      warn: (message) => io.stderr(`${message}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${options.port ?? ''} on ${options.host ?? ''} is already in use (try --port 0 for a free one)`
        : error instanceof Error
          ? error.message
          : String(error);
    io.stderr(`batch-studio sandbox: could not start: ${reason}\n`);
    return EXIT.failed;
  }
  const { url, projectId, keys, dataDir } = sandbox;
  if (json) {
    io.stdout(JSON.stringify({ url, projectId, keys, ...(dataDir !== undefined ? { dataDir } : {}) }) + '\n');
  } else {
    io.stdout(
      `Sandbox listening on ${url} (project ${projectId}, push key ${keys.push}, query key ${keys.query}, ` +
        `pushquery key ${keys.pushquery}, master key ${keys.master}${dataDir !== undefined ? `, data in ${dataDir}` : ', in memory'})\n`,
    );
  }
  await new Promise<void>((done) => {
    if (io.interrupted.aborted) return done();
    io.interrupted.addEventListener('abort', () => done(), { once: true });
  });
  await sandbox.close();
  if (!json) io.stderr('Sandbox stopped.\n');
  return EXIT.ok;
}
