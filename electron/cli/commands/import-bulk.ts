// batch-studio import-bulk FILE: sends a file's events through the API's bulk import (spec §7), one
// collection after the other (NDJSON uploaded to S3, /event-import followed to the end), and reports
// every event (spec §9). Progress goes to stderr; `--json` prints the report on stdout.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { outcomeRecord } from '../../../core/formats/results-json';
import { isDelivered } from '../../../core/send/reconcile';
import { count } from '../../../core/text/plural';
import { printable } from '../../../core/text/printable';
import { readBulkSource, type BulkSource } from '../../services/bulk-import/batch-source';
import {
  runBulkImport,
  type BulkImportResult,
  type BulkProgress,
  type BulkS3Settings,
} from '../../services/bulk-import/bulk-import';
import { importRequests } from '../../services/bulk-import/run-requests';
import { startRecording } from '../../services/history/run-recording';
import { eventsEndpoint } from '../../services/sender';
import { fileErrorReason, readFlags } from '../command-line';
import { EXIT, UsageError, type CliIo } from '../io';
import { cliHistory } from './cli-history';
import { resolveProfileBulkImport, resolveProfileTarget } from './profiles';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FAILURES_SHOWN = 20;
const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const OPTIONS = {
  collection: { type: 'string' },
  profile: { type: 'string' },
  'confirm-production': { type: 'boolean', default: false },
  'user-data': { type: 'string' },
  url: { type: 'string' },
  'project-id': { type: 'string' },
  'api-key-env': { type: 'string' },
  's3-bucket': { type: 'string' },
  's3-prefix': { type: 'string' },
  's3-region': { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-access-key-id-env': { type: 'string' },
  's3-secret-access-key-env': { type: 'string' },
  'no-record': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof readFlags<typeof OPTIONS>>['values'];

function refuseSecretsInArgv(argv: readonly string[]): void {
  // A secret on the command line is visible to every user of the machine (ps, /proc/*/cmdline).
  const secretFlag = argv.find((arg) => /^--(api-key|s3-secret-access-key|s3-access-key-id)(=|$)/.test(arg));
  if (secretFlag !== undefined) {
    const name = secretFlag.split('=')[0] ?? secretFlag;
    throw new UsageError(
      `${name} is not accepted: command-line arguments are visible to every user of this machine. Put the value in an environment variable and pass its name with ${name}-env VAR.`,
    );
  }
}

function fromEnv(io: CliIo, flag: string, name: string, what: string): string {
  // A value that is not a variable name may be the secret itself, typed in the wrong place: never echo it.
  if (!ENV_NAME.test(name))
    throw new UsageError(
      `${flag} takes the NAME of an environment variable (letters, digits and _), not the ${what} itself.`,
    );
  const value = io.env[name];
  if (value === undefined || value === '')
    throw new UsageError(`the environment variable ${name} is not set or is empty; put the ${what} in it.`);
  return value;
}

function checkFlags(values: Values, positionals: string[]): string {
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'name the file to import.' : 'import one file at a time.');
  if (values.profile !== undefined) {
    const clash = (['url', 'project-id'] as const).filter((name) => values[name] !== undefined);
    if (clash.length > 0)
      throw new UsageError(`--profile gives the URL and project id; drop ${clash.map((m) => `--${m}`).join(' and ')}.`);
  } else {
    const missing = (['url', 'project-id', 'api-key-env', 's3-bucket'] as const).filter((name) => !values[name]);
    if (missing.length > 0)
      throw new UsageError(
        `missing ${missing.map((m) => `--${m}`).join(', ')} (or name a saved target with --profile NAME).`,
      );
    try {
      eventsEndpoint(values.url ?? '');
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  const keyFlags = [values['s3-access-key-id-env'], values['s3-secret-access-key-env']].filter(
    (v) => v !== undefined,
  ).length;
  if (keyFlags === 1)
    throw new UsageError(
      'give both --s3-access-key-id-env and --s3-secret-access-key-env, or neither (to use the profile\u2019s).',
    );
  if (keyFlags === 0 && values.profile === undefined)
    throw new UsageError(
      'missing --s3-access-key-id-env and --s3-secret-access-key-env (or take them from a profile with --profile NAME).',
    );
  const endpoint = values['s3-endpoint'];
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    throw new UsageError('--s3-endpoint must be an http:// or https:// URL.');
  return positionals[0] as string;
}

const originOf = (url: string | undefined): string | undefined => (url === undefined ? undefined : new URL(url).origin);

/** The S3 settings: flags over the profile's section; a saved secret never goes to another endpoint than its own. */
async function s3Settings(io: CliIo, argv: string[], values: Values): Promise<BulkS3Settings> {
  const fromFlags = values['s3-access-key-id-env'] !== undefined && values['s3-secret-access-key-env'] !== undefined;
  if (values.profile === undefined || fromFlags) {
    let saved: Partial<BulkS3Settings> = {};
    if (values.profile !== undefined)
      saved = await resolveProfileBulkImport(io, argv, values.profile).catch(() => ({}));
    const bucket = values['s3-bucket'] ?? saved.bucket;
    if (bucket === undefined || bucket === '')
      throw new UsageError('missing --s3-bucket (the profile has no bulk import bucket).');
    return {
      bucket,
      prefix: values['s3-prefix'] ?? saved.prefix ?? '',
      region: values['s3-region'] ?? saved.region ?? 'us-east-1',
      ...((values['s3-endpoint'] ?? saved.endpoint) ? { endpoint: values['s3-endpoint'] ?? saved.endpoint } : {}),
      accessKeyId: fromEnv(io, '--s3-access-key-id-env', values['s3-access-key-id-env'] ?? '', 'S3 access key id'),
      secretAccessKey: fromEnv(
        io,
        '--s3-secret-access-key-env',
        values['s3-secret-access-key-env'] ?? '',
        'S3 secret access key',
      ),
    };
  }
  const saved = await resolveProfileBulkImport(io, argv, values.profile);
  const endpoint = values['s3-endpoint'] ?? saved.endpoint;
  if (originOf(endpoint) !== originOf(saved.endpoint)) {
    throw new UsageError(
      `the S3 secret saved in "${values.profile}" is only sent to its own endpoint; to use ${values['s3-endpoint']}, pass --s3-access-key-id-env and --s3-secret-access-key-env.`,
    );
  }
  return {
    bucket: values['s3-bucket'] ?? saved.bucket,
    prefix: values['s3-prefix'] ?? saved.prefix,
    region: values['s3-region'] ?? saved.region,
    ...(endpoint !== undefined ? { endpoint } : {}),
    accessKeyId: saved.accessKeyId,
    secretAccessKey: saved.secretAccessKey,
  };
}

/** One redrawn line on a terminal; otherwise a line when the phase changes or the import moves on by 10%. */
function progressPrinter(io: CliIo): { update: (p: BulkProgress) => void; end: () => void } {
  let drawn = false;
  let lastKey = '';
  return {
    update(p) {
      const where = `'${printable(p.collection)}' (${p.collectionIndex + 1}/${p.collections})`;
      const line =
        p.phase === 'writing'
          ? `Writing ${where} as NDJSON`
          : p.phase === 'uploading'
            ? `Uploading ${where}: ${megabytes(p.uploadedBytes)} of ${megabytes(p.totalBytes)}`
            : `Importing ${where}: ${p.percent}%, ${count(p.imported)} imported, ${count(p.duplicates)} duplicates, ${count(p.rate)} events/s${p.phase === 'done' ? ' (finished)' : ''}`;
      if (io.stderrIsTty) {
        io.stderr(`\r\x1b[K${line}`);
        drawn = true;
        return;
      }
      const key = `${p.collectionIndex}:${p.phase}:${p.phase === 'importing' ? Math.floor(p.percent / 10) : p.phase === 'uploading' ? Math.floor((p.uploadedBytes / Math.max(p.totalBytes, 1)) * 4) : 0}`;
      if (key === lastKey) return;
      lastKey = key;
      io.stderr(`${line}\n`);
    },
    end() {
      if (drawn) io.stderr('\n');
    },
  };
}

interface Report {
  readonly events: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly rejected: number;
}

const reportOf = (result: BulkImportResult): Report => ({
  events: result.outcomes.length,
  imported: result.imports.reduce((n, i) => n + i.importedEvents, 0),
  duplicates: result.imports.reduce((n, i) => n + i.duplicateEvents, 0),
  rejected: result.outcomes.filter((o) => o.outcome === 'rejected').length,
});

function textReport(file: string, source: BulkSource, result: BulkImportResult, report: Report): string {
  const lines = [
    `${count(report.events)} events by bulk import: ${count(report.imported)} imported, ${count(report.duplicates)} duplicates, ${count(report.rejected)} rejected.`,
  ];
  for (const i of result.imports) {
    lines.push(
      printable(
        `  ${i.collection}: ${i.status}${i.id ? ` (import ${i.id})` : ''}, ${count(i.importedEvents)} imported, ${count(i.duplicateEvents)} duplicates, ${i.s3Path}`,
      ),
    );
  }
  const failed = result.outcomes.filter((o) => !isDelivered(o));
  if (failed.length > 0) {
    lines.push('', 'Not delivered:');
    for (const o of failed.slice(0, FAILURES_SHOWN)) {
      const line = source.lines?.[o.index];
      const place = `${o.collection}[${o.index}]${line !== undefined ? ` (${file}:${line})` : ''}${o.id !== undefined ? ` id ${JSON.stringify(o.id)}` : ''}`;
      lines.push(printable(`  ${place}: ${o.outcome}${o.message ? ` (${o.message})` : ''}`));
    }
    if (failed.length > FAILURES_SHOWN)
      lines.push(`  … and ${count(failed.length - FAILURES_SHOWN)} more (use --json to see every event).`);
  }
  if (result.uploads.length > 0)
    lines.push('', `Uploaded (delete them when no longer needed): ${result.uploads.map((u) => u.s3Path).join(', ')}`);
  else lines.push('', 'Nothing was left in the bucket.');
  return lines.join('\n') + '\n';
}

/** `{"summary", "imports", "outcomes"}`, the outcomes written in pieces so 1,000,000 never become one string. */
function jsonReport(io: CliIo, result: BulkImportResult, report: Report): void {
  const imports = result.imports.map((i) => ({
    collection: i.collection,
    id: i.id,
    status: i.status,
    s3Path: i.s3Path,
    importedEvents: i.importedEvents,
    duplicateEvents: i.duplicateEvents,
  }));
  io.stdout(JSON.stringify({ summary: report, imports }).slice(0, -1) + ',"outcomes":[');
  for (let start = 0; start < result.outcomes.length; start += 2000) {
    const piece = result.outcomes.slice(start, start + 2000).map((o) => JSON.stringify(outcomeRecord(o)));
    io.stdout((start === 0 ? '' : ',') + piece.join(','));
  }
  io.stdout(']}\n');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  refuseSecretsInArgv(argv);
  const { values, positionals } = readFlags(argv, OPTIONS);
  const file = checkFlags(values, positionals);
  let target: { url: string; projectId: string; apiKey: string };
  if (values.profile !== undefined) {
    const saved = await resolveProfileTarget(io, argv, values.profile, values['confirm-production'] === true);
    target = {
      url: saved.url,
      projectId: saved.projectId,
      apiKey:
        values['api-key-env'] !== undefined
          ? fromEnv(io, '--api-key-env', values['api-key-env'], 'API key')
          : saved.apiKey,
    };
  } else {
    target = {
      url: values.url ?? '',
      projectId: values['project-id'] ?? '',
      apiKey: fromEnv(io, '--api-key-env', values['api-key-env'] ?? '', 'API key'),
    };
  }
  const s3 = await s3Settings(io, argv, values);

  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr(`batch-studio import-bulk: cannot read '${file}': ${fileErrorReason(error)}.\n`);
    return EXIT.usage;
  }
  const read = readBulkSource(text, file, values.collection);
  if (!read.ok) {
    if (read.usage) throw new UsageError(read.message);
    io.stderr(`batch-studio import-bulk: ${printable(read.message)}\n`);
    return EXIT.usage;
  }

  const batch = read.source.batch;
  const recording = values['no-record']
    ? undefined
    : await startRecording(
        cliHistory(io, argv),
        {
          startedAt: new Date().toISOString(),
          target: {
            ...(values.profile !== undefined ? { name: values.profile } : {}),
            url: target.url,
            projectId: target.projectId,
          },
          source: file,
          batchText: text,
          collections: Object.entries(batch).map(([name, events]) => ({ name, events: events.length })),
        },
        (message) => io.stderr(`batch-studio import-bulk: ${message}\n`),
      );
  const progress = progressPrinter(io);
  const result = await runBulkImport({ batch, target, s3, signal: io.interrupted, onProgress: progress.update });
  progress.end();
  if (result.error !== undefined) io.stderr(`batch-studio import-bulk: ${printable(result.error)}\n`);
  const recorded = await recording?.finish({
    finishedAt: new Date().toISOString(),
    cancelled: result.cancelled,
    outcomes: result.outcomes,
    requests: importRequests(result),
  });
  if (recorded) io.stderr(`Run ${recorded.id} recorded\n`);
  const report = reportOf(result);
  if (values.json) jsonReport(io, result, report);
  else io.stdout(textReport(file, read.source, result, report));
  return result.outcomes.every(isDelivered) && !result.cancelled ? EXIT.ok : EXIT.failed;
}
