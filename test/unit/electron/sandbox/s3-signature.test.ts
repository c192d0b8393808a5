// Signature Version 4 for S3 GETs, checked against the worked example in AWS's own documentation.
import { describe, expect, it } from 'vitest';
import { amzDate, s3EncodePath, signGet } from '../../../../electron/sandbox/s3-signature';

describe('signGet', () => {
  it('reproduces the GET Object example of the SigV4 documentation', () => {
    const signed = signGet(
      new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
      new Date(Date.UTC(2013, 4, 24)),
      { range: 'bytes=0-9' },
    );
    expect(signed.headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(signed.headers['x-amz-date']).toBe('20130524T000000Z');
    expect(signed.headers).not.toHaveProperty('host');
  });

  it('formats dates and encodes paths as S3 expects', () => {
    expect(amzDate(new Date('2024-02-29T13:14:15.678Z'))).toBe('20240229T131415Z');
    expect(s3EncodePath("/b/dir/a file(1)!*'.ndjson")).toBe('/b/dir/a%20file%281%29%21%2A%27.ndjson');
  });
});
