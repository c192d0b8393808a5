// The CLI's way to a profile's bulk import settings: the saved section and S3 secret from the same user-data
// folder as the app, the environment override, and usage errors that never hold the secret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliProfileService, resolveProfileBulkImport } from '../../../../electron/cli/commands/profiles';
import { UsageError, type CliIo } from '../../../../electron/cli/io';

const SECRET = 's3-CLI-RESOLVE-secret-3c3c';
let dir: string;

const io = (env: Record<string, string> = {}): CliIo => ({
  stdout: () => undefined,
  stderr: () => undefined,
  env,
  cwd: dir,
  stderrIsTty: false,
  interrupted: new AbortController().signal,
});
const argv = () => ['--user-data', join(dir, 'data')];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-cli-bulk-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('resolveProfileBulkImport', () => {
  it('answers the saved section with its secret, or the environment override', async () => {
    const { service } = cliProfileService(io(), argv());
    await service.acceptWeakStorage();
    const profile = await service.create({
      name: 'Bulk',
      baseUrl: 'https://api.example.com',
      projectId: 'p',
      bulkImport: { bucket: 'bulk-bucket', accessKeyId: 'AKIA1' },
    });
    await expect(resolveProfileBulkImport(io(), argv(), 'bulk')).rejects.toThrow(UsageError);
    await expect(resolveProfileBulkImport(io(), argv(), 'bulk')).rejects.toThrow(
      /No S3 secret is set for "Bulk".*BATCH_STUDIO_S3_SECRET_BULK/,
    );
    await service.setS3Secret(profile.id, SECRET);
    expect(await resolveProfileBulkImport(io(), argv(), 'Bulk')).toEqual({
      bucket: 'bulk-bucket',
      prefix: '',
      region: 'us-east-1',
      endpoint: undefined,
      accessKeyId: 'AKIA1',
      secretAccessKey: SECRET,
    });
    expect(
      (await resolveProfileBulkImport(io({ BATCH_STUDIO_S3_SECRET_BULK: 's3-from-env-0000' }), argv(), 'Bulk'))
        .secretAccessKey,
    ).toBe('s3-from-env-0000');
    await expect(resolveProfileBulkImport(io(), argv(), 'Nobody')).rejects.toThrow(/no profile named "Nobody"/);
  });
});
