// batch-studio profiles list|add|set-key|set-s3-secret|remove|test: the app's saved targets from the command line,
// in the same user-data folder and key store as the app. Keys and S3 secrets come from an environment variable or
// stdin, never argv, and only their status is ever printed.
import { createInterface } from 'node:readline';
import type { KeyStatusOutput, Profile } from '../../contract/channels';
import type { BulkImportCredentials } from '../../services/credentials';
import { acquireInstanceLock, InstanceLockedError } from '../../node/instance-lock';
import { createProfileService, type ProfileService } from '../../services/profiles';
import { CallFailure } from '../../contract/handlers';
import { MASK } from '../../../core/text/redact';
import { fileCipher, keyEnvName, s3SecretEnvName } from '../../services/secret-store';
import { createSettingsStore, settingsPath } from '../../services/settings';
import { resolveUserDataDir } from '../../node/user-data';
import { EXIT, UsageError, type CliIo } from '../io';
import { readFlags } from '../command-line';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SUBCOMMANDS = 'list, add, set-key, set-s3-secret, remove or test';

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
  's3-bucket': { type: 'string' },
  's3-prefix': { type: 'string' },
  's3-region': { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-access-key-id': { type: 'string' },
} as const;

const S3_FLAGS = ['s3-prefix', 's3-region', 's3-endpoint', 's3-access-key-id'] as const;
/** Secrets on the command line are visible to every user of the machine (ps, /proc): refused before parsing. */
const SECRET_FLAGS = ['--api-key', '--s3-secret', '--s3-secret-access-key'];

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  // Refused before parsing: a key on the command line is visible to every user of the machine (ps, /proc).
  const secretFlag = SECRET_FLAGS.find((flag) => argv.some((arg) => arg === flag || arg.startsWith(`${flag}=`)));
  if (secretFlag === '--api-key') {
    throw new UsageError(
      '--api-key is not accepted: command-line arguments are visible to every user of this machine (ps, /proc/*/cmdline). ' +
        'Pass the NAME of an environment variable holding the key (--api-key-env VAR), or pipe it in with --api-key-stdin.',
    );
  }
  if (secretFlag) {
    throw new UsageError(
      `${secretFlag} is not accepted: command-line arguments are visible to every user of this machine (ps, /proc/*/cmdline). ` +
        'Pipe the S3 secret in: `printenv MY_S3_SECRET | batch-studio profiles set-s3-secret NAME`.',
    );
  }
  return readFlags(argv, OPTIONS);
}

/** The profile service on the user-data folder, with no sandbox running (the built-in one lives in the app). */
export function cliProfileService(
  io: CliIo,
  argv: readonly string[],
): { service: ProfileService; userDataDir: string } {
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
export function describeKey(
  key: KeyStatusOutput,
  profileName: string,
  envName: (name: string) => string = keyEnvName,
): string {
  if (key.storage === 'built-in') return 'built in';
  if (!key.set) return 'not set';
  if (key.storage === 'env') return `from ${envName(profileName)}${key.last4 ? ` (${MASK}${key.last4})` : ''}`;
  const parts = [`set ${MASK}${key.last4 ?? ''}`];
  if (key.storage) parts.push(key.storage === 'file' ? 'file, no keychain' : key.storage);
  if (key.changedAt) parts.push(`changed ${key.changedAt.slice(0, 10)}`);
  return parts.join(' · ') + (key.problem ? ` (${key.problem})` : '');
}

const findByName = async (service: ProfileService, name: string): Promise<Profile> => {
  const { profiles } = await service.list();
  const found = profiles.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (!found)
    throw new CallFailure('not-found', `there is no profile named "${name}" (batch-studio profiles list shows them).`);
  return found;
};

/** The key from `--api-key-env VAR` or the first line of stdin (`--api-key-stdin`); undefined when neither is given. */
async function readKeyArgument(values: Values, io: CliIo, stdin: NodeJS.ReadableStream): Promise<string | undefined> {
  const envName = values['api-key-env'];
  if (envName !== undefined && values['api-key-stdin'])
    throw new UsageError('give the key one way: --api-key-env VAR or --api-key-stdin.');
  if (envName !== undefined) {
    // A value that is not a variable name may be the key itself, typed in the wrong place: never echo it.
    if (!ENV_NAME.test(envName))
      throw new UsageError(
        '--api-key-env takes the NAME of an environment variable (letters, digits and _), not the key itself.',
      );
    const key = io.env[envName];
    if (!key)
      throw new UsageError(`the environment variable ${envName} is not set or is empty; put the API key in it.`);
    return key;
  }
  if (!values['api-key-stdin']) return undefined;
  return firstLine(
    stdin,
    '--api-key-stdin read no key: pipe it in, e.g. `printenv MY_KEY | batch-studio profiles add ...`.',
  );
}

/** The bulk import section from the --s3-* flags; undefined when none is given. */
function bulkImportArgument(
  values: Values,
): { bucket: string; prefix?: string; region?: string; endpoint?: string; accessKeyId?: string } | undefined {
  const bucket = values['s3-bucket'];
  if (bucket === undefined) {
    const stray = S3_FLAGS.find((flag) => values[flag] !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --s3-bucket: name the bucket bulk imports go to.`);
    return undefined;
  }
  return {
    bucket,
    ...(values['s3-prefix'] !== undefined ? { prefix: values['s3-prefix'] } : {}),
    ...(values['s3-region'] !== undefined ? { region: values['s3-region'] } : {}),
    ...(values['s3-endpoint'] !== undefined ? { endpoint: values['s3-endpoint'] } : {}),
    ...(values['s3-access-key-id'] !== undefined ? { accessKeyId: values['s3-access-key-id'] } : {}),
  };
}

/** The first line of stdin, for a secret piped in; `what` names it in the refusal. */
async function firstLine(stdin: NodeJS.ReadableStream, refusal: string): Promise<string> {
  const lines = createInterface({ input: stdin, terminal: false });
  let first: string | undefined;
  for await (const line of lines) {
    first = line.trim();
    break;
  }
  lines.close();
  if (!first) throw new UsageError(refusal);
  return first;
}

/** "s3://bucket/prefix at endpoint, secret set ••••abcd"; '' for a profile without the section. */
function describeBulkImport(profile: Profile): string {
  const section = profile.bulkImport;
  if (!section) return '';
  const where = `s3://${section.bucket}/${section.prefix ?? ''}${section.endpoint ? ` at ${section.endpoint}` : ''}`;
  return `${where}, secret ${describeKey(section.secret, profile.name, s3SecretEnvName)}`;
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

async function storeKey(
  service: ProfileService,
  io: CliIo,
  profile: Profile,
  key: string,
  accept: boolean,
): Promise<KeyStatusOutput> {
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
  if (storage.protection === 'file')
    io.stderr(
      `batch-studio profiles: the key is kept in a file only your user can read (mode 0600), not in a keychain.\n`,
    );
  return status;
}

async function list(service: ProfileService, io: CliIo, json: boolean): Promise<number> {
  const { profiles, problems } = await service.list();
  for (const problem of problems ?? []) io.stderr(`batch-studio profiles: ${problem}\n`);
  if (json) {
    io.stdout(JSON.stringify({ profiles, storage: await service.storage() }) + '\n');
    return EXIT.ok;
  }
  // The bulk import column shows only once a profile has the section, so the common table stays as it was.
  const bulk = profiles.some((p) => p.bulkImport);
  const rows = profiles.map((p) => [
    p.name,
    p.builtIn ? '(runs inside the app)' : p.baseUrl,
    p.projectId || '-',
    describeKey(p.key, p.name),
    ...(bulk ? [describeBulkImport(p) || '-'] : []),
    p.production ? `production${p.confirmProduction ? '' : ' (no confirmation)'}` : '',
  ]);
  const header = ['NAME', 'URL', 'PROJECT', 'KEY', ...(bulk ? ['BULK IMPORT'] : []), ''];
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  io.stdout([line(header), ...rows.map(line)].join('\n') + '\n');
  if (profiles.some((p) => p.key.storage === 'file')) {
    io.stderr(
      'batch-studio profiles: keys marked "file, no keychain" are kept unencrypted in a file only your user can read (mode 0600).\n',
    );
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
        const bulkImport = bulkImportArgument(values);
        const key = await readKeyArgument(values, io, stdin);
        return await withFolderLock(userDataDir, async () => {
          if (key && !(await service.storage()).accepted && !values['accept-file-storage']) {
            // Checked before creating anything, so a refusal leaves no half-made profile behind.
            const storage = await service.storage();
            throw new CallFailure(
              'invalid',
              `${storage.warning ?? ''} Re-run with --accept-file-storage to accept, or set ${keyEnvName(profileName)} instead.`.trim(),
            );
          }
          const profile = await service.create({
            name: profileName,
            projectId: values['project-id'] as string,
            ...(values.url !== undefined ? { baseUrl: values.url } : {}),
            ...(values.color !== undefined ? { color: values.color } : {}),
            production: values.production === true,
            confirmProduction: values['no-confirm'] !== true,
            ...(bulkImport ? { bulkImport } : {}),
          });
          const status = key
            ? await storeKey(service, io, profile, key, values['accept-file-storage'] === true)
            : profile.key;
          io.stdout(
            `Added "${profile.name}": ${profile.baseUrl} (project ${profile.projectId}), key ${describeKey(status, profile.name)}.\n`,
          );
          if (profile.bulkImport) io.stdout(`Bulk import: ${describeBulkImport(profile)}.\n`);
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
      case 'set-s3-secret': {
        const profileName = needName();
        const secret = await firstLine(
          stdin,
          'set-s3-secret reads the S3 secret from stdin: pipe it in, e.g. `printenv MY_S3_SECRET | batch-studio profiles set-s3-secret NAME`.',
        );
        return await withFolderLock(userDataDir, async () => {
          const profile = await findByName(service, profileName);
          const storage = await service.storage();
          if (!storage.accepted) {
            if (values['accept-file-storage'] !== true) {
              throw new CallFailure(
                'invalid',
                `${storage.warning ?? ''} Re-run with --accept-file-storage to accept, or give it as ${s3SecretEnvName(profile.name)} instead.`.trim(),
              );
            }
            await service.acceptWeakStorage();
          }
          const status = await service.setS3Secret(profile.id, secret);
          io.stdout(`S3 secret of "${profile.name}": ${describeKey(status, profile.name, s3SecretEnvName)}.\n`);
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
        if (profile.builtIn)
          throw new CallFailure(
            'invalid',
            'the Local sandbox runs inside the app; test it there, or start one with batch-studio sandbox.',
          );
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
export async function resolveProfileTarget(
  io: CliIo,
  argv: readonly string[],
  name: string,
  confirmed: boolean,
): Promise<ProfileSendTarget> {
  const { service } = cliProfileService(io, argv);
  let profile: Profile;
  try {
    profile = await findByName(service, name);
  } catch (error) {
    if (error instanceof CallFailure) throw new UsageError(error.message);
    throw error;
  }
  if (profile.builtIn) {
    throw new UsageError(
      'the Local sandbox runs inside the app. From the command line, start one with `batch-studio sandbox` and send with --url, --project-id and --api-key-env.',
    );
  }
  if (profile.production && profile.confirmProduction && !confirmed) {
    throw new UsageError(
      `"${profile.name}" is a production target: add --confirm-production to send there (or turn its confirmation off in the app).`,
    );
  }
  const target = await service.resolve(profile.id, { confirmed: true });
  return { name: target.profileName, url: target.url, projectId: target.projectId, apiKey: target.apiKey };
}

/**
 * Resolves the bulk import section of `--profile NAME` for the import-bulk command: bucket, prefix, region,
 * endpoint, access key id and the S3 secret (saved, or BATCH_STUDIO_S3_SECRET_<PROFILE>), only for the endpoint
 * the secret was saved with. Problems are usage errors that name the profile, never the secret.
 */
export async function resolveProfileBulkImport(
  io: CliIo,
  argv: readonly string[],
  name: string,
): Promise<BulkImportCredentials> {
  const { service } = cliProfileService(io, argv);
  try {
    const profile = await findByName(service, name);
    return await service.resolveBulkImport(profile.id);
  } catch (error) {
    if (error instanceof CallFailure) throw new UsageError(error.message);
    throw error;
  }
}
