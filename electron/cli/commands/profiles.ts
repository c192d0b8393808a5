// batch-studio profiles list|add|set-key|remove|test: the app's saved targets from the command line, in the
// same user-data folder and key store as the app. Keys come from an environment variable or stdin, never argv,
// and only their status is ever printed.
import { createInterface } from 'node:readline';
import type { KeyStatusOutput, Profile } from '../../contract/channels';
import { acquireInstanceLock, InstanceLockedError } from '../../services/instance-lock';
import { createProfileService, type ProfileService } from '../../services/profiles';
import type { BulkImportCredentials } from '../../services/credentials';
import { CallFailure } from '../../services/router';
import { fileCipher, keyEnvName } from '../../services/secret-store';
import { createSettingsStore, settingsPath } from '../../services/settings';
import { resolveUserDataDir } from '../../services/user-data';
import { EXIT, UsageError, type CliIo } from '../io';
import { parseCommandLine } from '../command-line';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SUBCOMMANDS = 'list, add, set-key, remove or test';

const OPTIONS = {
  'user-data': { type: 'string' },
  json: { type: 'boolean', default: false },
  'project-id': { type: 'string' },
  url: { type: 'string' },
  color: { type: 'string' },
  production: { type: 'boolean', default: false },
  'no-confirm': { type: 'boolean', default: false },
  'api-key-env': { type: 'string' },
  'api-key-stdin': { type: 'boolean', default: false },
  'accept-file-storage': { type: 'boolean', default: false },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  // Refused before parsing: a key on the command line is visible to every user of the machine (ps, /proc).
  if (argv.some((arg) => arg === '--api-key' || arg.startsWith('--api-key='))) {
    throw new UsageError(
      '--api-key is not accepted: command-line arguments are visible to every user of this machine (ps, /proc/*/cmdline). ' +
        'Pass the NAME of an environment variable holding the key (--api-key-env VAR), or pipe it in with --api-key-stdin.',
    );
  }
  return parseCommandLine({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
}

/** The profile service on the user-data folder, with no sandbox running (the built-in one lives in the app). */
export function cliProfileService(io: CliIo, argv: readonly string[]): { service: ProfileService; userDataDir: string } {
  const userDataDir = resolveUserDataDir({ argv, env: io.env, packaged: false, cwd: io.cwd });
  const service = createProfileService({
    userDataDir,
    sandbox: { target: () => undefined, projectId: () => undefined },
    settings: createSettingsStore(settingsPath(userDataDir)),
    cipher: fileCipher,
    env: io.env,
  });
  return { service, userDataDir };
}

/** "set ••••1234 · file · changed 2026-01-02", "from BATCH_STUDIO_KEY_X", "not set", "built in". */
export function describeKey(key: KeyStatusOutput, profileName: string): string {
  if (key.storage === 'built-in') return 'built in';
  if (!key.set) return 'not set';
  if (key.storage === 'env') return `from ${keyEnvName(profileName)}${key.last4 ? ` (••••${key.last4})` : ''}`;
  const parts = [`set ••••${key.last4 ?? ''}`];
  if (key.storage) parts.push(key.storage === 'file' ? 'file, no keychain' : key.storage);
  if (key.changedAt) parts.push(`changed ${key.changedAt.slice(0, 10)}`);
  return parts.join(' · ') + (key.problem ? ` (${key.problem})` : '');
}

const findByName = async (service: ProfileService, name: string): Promise<Profile> => {
  const { profiles } = await service.list();
  const found = profiles.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new CallFailure('not-found', `there is no profile named "${name}" (batch-studio profiles list shows them).`);
  return found;
};

/** The key from `--api-key-env VAR` or the first line of stdin (`--api-key-stdin`); undefined when neither is given. */
async function readKeyArgument(values: Values, io: CliIo, stdin: NodeJS.ReadableStream): Promise<string | undefined> {
  const envName = values['api-key-env'];
  if (envName !== undefined && values['api-key-stdin']) throw new UsageError('give the key one way: --api-key-env VAR or --api-key-stdin.');
  if (envName !== undefined) {
    // A value that is not a variable name may be the key itself, typed in the wrong place: never echo it.
    if (!ENV_NAME.test(envName)) throw new UsageError('--api-key-env takes the NAME of an environment variable (letters, digits and _), not the key itself.');
    const key = io.env[envName];
    if (!key) throw new UsageError(`the environment variable ${envName} is not set or is empty; put the API key in it.`);
    return key;
  }
  if (!values['api-key-stdin']) return undefined;
  const lines = createInterface({ input: stdin, terminal: false });
  let first: string | undefined;
  for await (const line of lines) {
    first = line.trim();
    break;
  }
  lines.close();
  if (!first) throw new UsageError('--api-key-stdin read no key: pipe it in, e.g. `printenv MY_KEY | batch-studio profiles add ...`.');
  return first;
}

/** Changing profiles while the app runs on the same folder would be overwritten by the app: refuse instead. */
async function withFolderLock<T>(userDataDir: string, work: () => Promise<T>): Promise<T> {
  let lock;
  try {
    lock = await acquireInstanceLock(userDataDir);
  } catch (error) {
    if (error instanceof InstanceLockedError) {
      throw new CallFailure(
        'invalid',
        `Batch Studio is running with the data folder ${userDataDir} (process ${error.pid}): change profiles in its Profiles dialog, or close it first.`,
      );
    }
    throw error;
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

async function storeKey(service: ProfileService, io: CliIo, profile: Profile, key: string, accept: boolean): Promise<KeyStatusOutput> {
  const storage = await service.storage();
  if (!storage.accepted) {
    if (!accept) {
      throw new CallFailure(
        'invalid',
        `${storage.warning ?? ''} Re-run with --accept-file-storage to accept, or give the key as ${keyEnvName(profile.name)} when you send.`.trim(),
      );
    }
    await service.acceptWeakStorage();
  }
  const status = await service.setKey(profile.id, key);
  if (storage.protection === 'file') io.stderr(`batch-studio profiles: the key is kept in a file only your user can read (mode 0600), not in a keychain.\n`);
  return status;
}

async function list(service: ProfileService, io: CliIo, json: boolean): Promise<number> {
  const { profiles, problems } = await service.list();
  for (const problem of problems ?? []) io.stderr(`batch-studio profiles: ${problem}\n`);
  if (json) {
    io.stdout(JSON.stringify({ profiles, storage: await service.storage() }) + '\n');
    return EXIT.ok;
  }
  const rows = profiles.map((p) => [
    p.name,
    p.builtIn ? '(runs inside the app)' : p.baseUrl,
    p.projectId || '-',
    describeKey(p.key, p.name),
    p.production ? `production${p.confirmProduction ? '' : ' (no confirmation)'}` : '',
  ]);
  const header = ['NAME', 'URL', 'PROJECT', 'KEY', ''];
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  io.stdout([line(header), ...rows.map(line)].join('\n') + '\n');
  if (profiles.some((p) => p.key.storage === 'file')) {
    io.stderr('batch-studio profiles: keys marked "file, no keychain" are kept unencrypted in a file only your user can read (mode 0600).\n');
  }
  return EXIT.ok;
}

export async function run(argv: string[], io: CliIo, stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const { values, positionals } = parse(argv);
  const [sub, name, ...extra] = positionals;
  if (sub === undefined) throw new UsageError(`say what to do: ${SUBCOMMANDS}.`);
  if (extra.length > 0) throw new UsageError('one profile at a time (quote a name with spaces).');
  const { service, userDataDir } = cliProfileService(io, argv);
  const needName = (): string => {
    if (!name) throw new UsageError(`name the profile: batch-studio profiles ${sub} NAME.`);
    return name;
  };
  try {
    switch (sub) {
      case 'list':
        return await list(service, io, values.json === true);
      case 'add': {
        const profileName = needName();
        if (!values['project-id']) throw new UsageError('missing --project-id.');
        const key = await readKeyArgument(values, io, stdin);
        return await withFolderLock(userDataDir, async () => {
          if (key && !(await service.storage()).accepted && !values['accept-file-storage']) {
            // Checked before creating anything, so a refusal leaves no half-made profile behind.
            const storage = await service.storage();
            throw new CallFailure('invalid', `${storage.warning ?? ''} Re-run with --accept-file-storage to accept, or set ${keyEnvName(profileName)} instead.`.trim());
          }
          const profile = await service.create({
            name: profileName,
            projectId: values['project-id'] as string,
            ...(values.url !== undefined ? { baseUrl: values.url } : {}),
            ...(values.color !== undefined ? { color: values.color } : {}),
            production: values.production === true,
            confirmProduction: values['no-confirm'] !== true,
          });
          const status = key ? await storeKey(service, io, profile, key, values['accept-file-storage'] === true) : profile.key;
          io.stdout(`Added "${profile.name}": ${profile.baseUrl} (project ${profile.projectId}), key ${describeKey(status, profile.name)}.\n`);
          return EXIT.ok;
        });
      }
      case 'set-key': {
        const profileName = needName();
        const key = await readKeyArgument(values, io, stdin);
        if (!key) throw new UsageError('give the key with --api-key-env VAR or --api-key-stdin.');
        return await withFolderLock(userDataDir, async () => {
          const profile = await findByName(service, profileName);
          const status = await storeKey(service, io, profile, key, values['accept-file-storage'] === true);
          io.stdout(`Key of "${profile.name}": ${describeKey(status, profile.name)}.\n`);
          return EXIT.ok;
        });
      }
      case 'remove': {
        const profileName = needName();
        return await withFolderLock(userDataDir, async () => {
          const profile = await findByName(service, profileName);
          await service.remove(profile.id);
          io.stdout(`Removed "${profile.name}" and its saved key.\n`);
          return EXIT.ok;
        });
      }
      case 'test': {
        const profile = await findByName(service, needName());
        if (profile.builtIn) throw new CallFailure('invalid', 'the Local sandbox runs inside the app; test it there, or start one with batch-studio sandbox.');
        const result = await service.test({ id: profile.id });
        if (values.json === true) io.stdout(JSON.stringify({ profile: profile.name, ...result }) + '\n');
        else io.stdout(`${profile.name}: ${result.verdict}. ${result.message}\n`);
        return result.verdict === 'ok' ? EXIT.ok : EXIT.failed;
      }
      default:
        throw new UsageError(`unknown action '${sub}': use ${SUBCOMMANDS}.`);
    }
  } catch (error) {
    if (error instanceof CallFailure) {
      io.stderr(`batch-studio profiles: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}

/** Where `batch-studio send FILE --profile NAME` sends: the saved profile's URL, project id and key. */
export interface ProfileSendTarget {
  readonly name: string;
  readonly url: string;
  readonly projectId: string;
  readonly apiKey: string;
}

/**
 * Resolves `--profile NAME` for the send command, from the same user-data folder and key store as the app.
 * A production profile that asks for confirmation needs `--confirm-production`: a script cannot answer a question.
 */
export async function resolveProfileTarget(io: CliIo, argv: readonly string[], name: string, confirmed: boolean): Promise<ProfileSendTarget> {
  const { service } = cliProfileService(io, argv);
  let profile: Profile;
  try {
    profile = await findByName(service, name);
  } catch (error) {
    if (error instanceof CallFailure) throw new UsageError(error.message);
    throw error;
  }
  if (profile.builtIn) {
    throw new UsageError('the Local sandbox runs inside the app. From the command line, start one with `batch-studio sandbox` and send with --url, --project-id and --api-key-env.');
  }
  if (profile.production && profile.confirmProduction && !confirmed) {
    throw new UsageError(`"${profile.name}" is a production target: add --confirm-production to send there (or turn its confirmation off in the app).`);
  }
  const target = await service.resolve(profile.id, { confirmed: true });
  return { name: target.profileName, url: target.url, projectId: target.projectId, apiKey: target.apiKey };
}

/**
 * The bulk import section of `--profile NAME` with its S3 secret (saved, or `BATCH_STUDIO_S3_SECRET_<PROFILE>`),
 * from the same user-data folder and secret store as the app.
 */
export async function resolveProfileBulkImport(io: CliIo, argv: readonly string[], name: string): Promise<BulkImportCredentials> {
  const { service } = cliProfileService(io, argv);
  try {
    return await service.resolveBulkImport((await findByName(service, name)).id);
  } catch (error) {
    if (error instanceof CallFailure) throw new UsageError(error.message);
    throw error;
  }
}
