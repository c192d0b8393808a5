// Says in words why S3 refused or could not be reached, naming the bucket and never a credential.
import { s3ErrorCode } from './s3-client';

const ADVICE: Record<string, string> = {
  SignatureDoesNotMatch:
    'the secret access key does not match the access key id; check the secret saved for this bucket',
  InvalidAccessKeyId: 'the access key id is not known to this S3 service',
  AccessDenied: 'these credentials may not write to it',
  NoSuchBucket: 'the bucket does not exist at this endpoint (check the bucket name, region and endpoint)',
  ECONNREFUSED: 'nothing answered at the S3 endpoint',
  ENOTFOUND: 'the S3 endpoint\u2019s host name was not found',
  ETIMEDOUT: 'the S3 endpoint did not answer in time',
  ECONNRESET: 'the connection to the S3 endpoint was reset',
};

/** `Uploading to bucket 'b' failed (403 SignatureDoesNotMatch): the secret access key does not match ...` */
export function describeS3Error(error: unknown, action: string, bucket: string): string {
  const { name, status } = s3ErrorCode(error);
  const advice = ADVICE[name];
  const code = status !== undefined ? `${status} ${name}` : name;
  return `${action} bucket '${bucket}' failed (${code})${advice ? `: ${advice}` : ''}.`;
}

export const isAbort = (error: unknown): boolean => s3ErrorCode(error).name === 'AbortError';
