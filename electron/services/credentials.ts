// The one gate every use of a saved secret passes through (test connection, send, test runs, replay,
// bulk import): a saved API key is handed out only for the origin it was saved for, and a saved S3 secret
// only for the S3 endpoint it was saved with. Anything else is refused with a message that holds no secret.
import type { BulkImportSettings, StoredProfile } from './profile-store';
import { CallFailure } from '../contract/handlers';
import type { SandboxTarget } from './sandbox-manager';
import { keyEnvName, s3SecretEnvName, type ReadSecret, type SecretKind } from './secret-store';

/** A profile's target with its key, for one request. Lives in main only; never returned by a channel. */
export interface Credentials {
  readonly profileId: string;
  readonly profileName: string;
  readonly url: string;
  readonly projectId: string;
  readonly apiKey: string;
}

/** Where and how a profile's bulk imports are uploaded (spec §7), with the S3 secret. Main only. */
export interface BulkImportCredentials {
  readonly bucket: string;
  /** '' when the profile sets none. */
  readonly prefix: string;
  readonly region: string;
  /** An S3-compatible endpoint; undefined means Amazon S3 itself. */
  readonly endpoint: string | undefined;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** How the caller means to use the key: another URL or project id than the profile's (a draft being tested). */
export interface CredentialUse {
  /** The base URL the request goes to; refused unless it has the origin the key was saved for. */
  readonly url?: string;
  readonly projectId?: string;
}

export interface CredentialResolver {
  resolveCredentials(profileId: string, use?: CredentialUse): Promise<Credentials>;
  resolveBulkImport(profileId: string): Promise<BulkImportCredentials>;
}

const BUILT_IN_ID = 'local-sandbox';
/** The origin an S3 secret is bound to when the profile names no endpoint: Amazon S3 itself. */
const AMAZON_S3 = 'amazon-s3';

export const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/** The origin an S3 secret saved with this section may go to. */
export const s3OriginOf = (section: Pick<BulkImportSettings, 'endpoint'> | undefined): string =>
  section?.endpoint ? originOf(section.endpoint) : AMAZON_S3;

export interface CredentialResolverOptions {
  readonly profile: (id: string) => Promise<StoredProfile | undefined>;
  /** Reads a saved or environment secret (and remembers it for scrubbing); undefined when none is set. */
  readonly readSecret: (profile: StoredProfile, kind: SecretKind) => Promise<ReadSecret | undefined>;
  readonly sandbox: () => SandboxTarget | undefined;
}

/** Why no secret was handed out; the message names the profile and the addresses, never the secret. */
export type RefusalReason = 'no-target' | 'no-secret' | 'wrong-origin' | 'not-configured';

export class CredentialRefusal extends CallFailure {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(reason === 'no-target' ? 'not-found' : 'invalid', message);
  }
}

const refuse = (message: string, reason: RefusalReason = 'not-configured'): never => {
  throw new CredentialRefusal(reason, message);
};

/** A saved secret goes only where it was saved for; an environment one goes where the profile points now. */
const boundOrigin = (secret: ReadSecret, current: string): string =>
  secret.source === 'env' ? current : (secret.origin ?? current);

export function createCredentialResolver(options: CredentialResolverOptions): CredentialResolver {
  const mustGet = async (id: string): Promise<StoredProfile> => {
    const found = await options.profile(id);
    return found ?? refuse('There is no such target. Pick one from the Target list.', 'no-target');
  };

  const checkOrigin = (profileName: string, keyOrigin: string, url: string): void => {
    const wanted = originOf(url);
    if (wanted === '' || wanted !== keyOrigin) {
      refuse(
        `The saved API key of "${profileName}" was given for ${keyOrigin} and is never sent to ${wanted || 'another address'}. ` +
          'Enter the key for that address to use it there.',
        'wrong-origin',
      );
    }
  };

  const builtIn = (use: CredentialUse): Credentials => {
    const target =
      options.sandbox() ??
      refuse('The local sandbox is not running. Restart it from the sandbox panel, then try again.');
    const url = use.url ?? target.url;
    checkOrigin('Local sandbox', originOf(target.url), url);
    return {
      profileId: BUILT_IN_ID,
      profileName: 'Local sandbox',
      url,
      projectId: use.projectId ?? target.projectId,
      apiKey: target.pushKey,
    };
  };

  return {
    async resolveCredentials(profileId, use = {}) {
      const profile = await mustGet(profileId);
      if (profile.id === BUILT_IN_ID) return builtIn(use);
      const secret = await options.readSecret(profile, 'api-key');
      if (!secret) {
        return refuse(
          `No API key is set for "${profile.name}". Enter one in Profiles (or set ${keyEnvName(profile.name)}), then try again.`,
          'no-secret',
        );
      }
      const keyOrigin = boundOrigin(secret, originOf(profile.baseUrl));
      // Both the profile's own address and the one asked for must be where the key was saved for.
      checkOrigin(profile.name, keyOrigin, profile.baseUrl);
      const url = use.url ?? profile.baseUrl;
      checkOrigin(profile.name, keyOrigin, url);
      return {
        profileId: profile.id,
        profileName: profile.name,
        url,
        projectId: use.projectId ?? profile.projectId,
        apiKey: secret.value,
      };
    },
    async resolveBulkImport(profileId) {
      const profile = await mustGet(profileId);
      const section =
        profile.bulkImport ??
        refuse(`"${profile.name}" has no bulk import settings: add an S3 bucket to it in Profiles.`);
      const accessKeyId =
        section.accessKeyId ?? refuse(`"${profile.name}" has no S3 access key id: add it in Profiles.`);
      const secret = await options.readSecret(profile, 's3-secret');
      if (!secret) {
        return refuse(
          `No S3 secret is set for "${profile.name}". Enter one in Profiles (or set ${s3SecretEnvName(profile.name)}), then try again.`,
          'no-secret',
        );
      }
      const current = s3OriginOf(section);
      const bound = boundOrigin(secret, current);
      if (bound !== current) {
        refuse(
          `The saved S3 secret of "${profile.name}" was given for ${bound === AMAZON_S3 ? 'Amazon S3' : bound} and is never sent to ` +
            `${current === AMAZON_S3 ? 'Amazon S3' : current}. Enter the S3 secret again for this endpoint.`,
          'wrong-origin',
        );
      }
      return {
        bucket: section.bucket,
        prefix: section.prefix ?? '',
        region: section.region ?? 'us-east-1',
        endpoint: section.endpoint,
        accessKeyId,
        secretAccessKey: secret.value,
      };
    },
  };
}
