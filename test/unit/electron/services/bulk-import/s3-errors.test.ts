import { describe, expect, it } from 'vitest';
import { describeS3Error, isAbort } from '../../../../../electron/services/bulk-import/s3-errors';
import { secretMask } from '../../../../../electron/services/bulk-import/secret-mask';

describe('S3 errors and masking', () => {
  it('names the bucket, the status and the code, with advice for the usual mistakes', () => {
    const refused = Object.assign(new Error('The request signature we calculated does not match'), {
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    expect(describeS3Error(refused, 'Uploading to', 'events')).toBe(
      "Uploading to bucket 'events' failed (403 SignatureDoesNotMatch): the secret access key does not match the access key id; check the secret saved for this bucket.",
    );
    const refusedConnection = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    expect(describeS3Error(refusedConnection, 'Uploading to', 'events')).toBe(
      "Uploading to bucket 'events' failed (ECONNREFUSED): nothing answered at the S3 endpoint.",
    );
    expect(describeS3Error(Object.assign(new Error('x'), { name: 'Weird' }), 'Deleting from', 'b')).toBe(
      "Deleting from bucket 'b' failed (Weird).",
    );
    expect(isAbort(Object.assign(new Error('Upload aborted.'), { name: 'AbortError' }))).toBe(true);
  });

  it('masks every secret wherever it appears, and leaves short values alone', () => {
    const mask = secretMask(['s3-secret-value', 'api-key-value', 'ab', undefined]);
    expect(mask('bad s3-secret-value and api-key-value, twice: s3-secret-value; ab')).toBe(
      'bad ******** and ********, twice: ********; ab',
    );
  });
});
