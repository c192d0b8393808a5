// The batch-studio command: one table of sub-commands, each in its own module under commands/.
import { EXIT, UsageError, type CliIo } from './io';

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly run: (argv: string[], io: CliIo) => Promise<number>;
}

const load =
  <M extends { run: Command['run'] }>(importer: () => Promise<M>): Command['run'] =>
  async (argv, io) =>
    (await importer()).run(argv, io);

const commands: Record<string, Command> = {
  sandbox: {
    summary: 'run a local server that answers like the Connect API',
    usage:
      'batch-studio sandbox [--host 127.0.0.1] [--port 8787] [--data-dir DIR] [--project-id ID] [--push-key K] [--query-key K] [--pushquery-key K] [--master-key K] [--duplicates report|silent] [--latency MS] [--fail-events RATE] [--fail-requests RATE] [--drop-requests RATE] [--drop-after-store RATE] [--seed N] [--schemas DIR] [--s3-endpoint URL] [--s3-region R] [--json]',
    run: load(() => import('./commands/sandbox')),
  },
  lint: {
    summary: 'check a batch file against every rule of the API',
    usage: 'batch-studio lint FILE [--json] [--schemas DIR]',
    run: load(() => import('./commands/lint')),
  },
  profiles: {
    summary:
      'list, add, change the key of, remove or test the targets the app sends to (keys from an environment variable or stdin, never argv)',
    usage:
      'batch-studio profiles list [--json] | add NAME --project-id ID [--url URL] [--color #RRGGBB] [--production] [--no-confirm] [--api-key-env VAR | --api-key-stdin] [--accept-file-storage] [--s3-bucket B [--s3-prefix P] [--s3-region R] [--s3-endpoint URL] [--s3-access-key-id ID]] | set-key NAME (--api-key-env VAR | --api-key-stdin) | set-s3-secret NAME (secret on stdin) | remove NAME | test NAME [--json]   (all: [--user-data DIR])',
    run: load(() => import('./commands/profiles')),
  },
  send: {
    summary: 'send a batch file in chunks, with retries, and report every event',
    usage:
      'batch-studio send FILE (--url URL --project-id ID --api-key-env VAR | --profile NAME [--confirm-production] [--user-data DIR]) [--chunk-size N] [--retries N] [--timeout MS] [--collection NAME] [--force | --valid-only] [--results FILE.csv|.json|.xml] [--json] [--no-record] [--resend-failures ID (instead of FILE)]',
    run: load(() => import('./commands/send')),
  },
  test: {
    summary:
      'run QA test cases (a batch and the outcome expected for each event) against a fresh local sandbox or a profile; exit 1 on any failure',
    usage:
      'batch-studio test FILE... [--profile NAME [--confirm-production] [--user-data DIR]] [--schemas DIR] [--junit OUT.xml] [--json]',
    run: load(() => import('./commands/test')),
  },
  'import-bulk': {
    summary:
      'send a file through the API\u2019s bulk import: NDJSON uploaded to S3, /event-import followed to the end, every event reported',
    usage:
      'batch-studio import-bulk FILE [--collection NAME] (--profile NAME [--confirm-production] | --url URL --project-id ID --api-key-env VAR) --s3-bucket B [--s3-prefix P] [--s3-region R] [--s3-endpoint URL] (--s3-access-key-id-env VAR --s3-secret-access-key-env VAR | from the profile) [--user-data DIR] [--no-record] [--json]',
    run: load(() => import('./commands/import-bulk')),
  },
  import: {
    summary:
      'turn NDJSON, CSV, a JSON array or a Connect export into a batch for one collection; exit 1 when some lines were left out',
    usage:
      'batch-studio import FILE --collection NAME [--format ndjson|csv|json|export] [--add-ids] [--shift-timestamps DURATION | --latest-at ISO] --out OUT.json',
    run: load(() => import('./commands/import')),
  },
  runs: {
    summary:
      "the history of sends (the app's and the command line's): list, show, compare two runs, export results, delete",
    usage:
      'batch-studio runs list [--json] | show ID [--json] | compare A B [--json] | export ID --results OUT.csv|.json|.xml | delete ID | clear   (all: [--user-data DIR])',
    run: load(() => import('./commands/runs')),
  },
  replay: {
    summary: "send a recorded run's batch again, to the same or another target, as a new run",
    usage:
      'batch-studio replay ID (--url URL --project-id ID --api-key-env VAR | --profile NAME [--confirm-production]) [--user-data DIR] [--no-record] [--json] [send options]',
    run: load(() => import('./commands/replay')),
  },
};

const help = (): string =>
  ['Batch Studio: compose, check and send batches of events to the Connect API.', '', 'Usage:']
    .concat(Object.values(commands).map((c) => `  ${c.usage}\n      ${c.summary}`))
    .join('\n') + '\n';

export function nodeIo(): CliIo {
  const controller = new AbortController();
  // The first signal asks the command to stop and report; a second one ends the process at once.
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGTERM' ? 143 : 130);
    controller.abort(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // `batch-studio runs show ID --json | head`: the reader left, so there is no one to tell; end quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTty: Boolean(process.stderr.isTTY),
    interrupted: controller.signal,
  };
}

/** Runs the CLI with these arguments; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`batch-studio: unknown command '${name}'.\n\n${help()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n  ${command.summary}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`batch-studio ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    io.stderr(`batch-studio ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  }
}
