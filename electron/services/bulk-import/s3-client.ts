// The project's one way to build an S3 client (AWS SDK v3), for the uploader and the sandbox's reader alike,
// so both speak to any S3-compatible store (path-style, a custom endpoint) the same way.
import { S3Client } from '@aws-sdk/client-s3';

export interface S3Target {
  readonly region: string;
  /** An S3-compatible endpoint (`http://127.0.0.1:4568`); AWS itself when absent. */
  readonly endpoint?: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export function createS3Client(target: S3Target, maxAttempts = 3): S3Client {
  return new S3Client({
    region: target.region,
    ...(target.endpoint !== undefined ? { endpoint: target.endpoint } : {}),
    // Custom endpoints rarely resolve bucket subdomains (127.0.0.1, a LAN host): path-style works everywhere.
    forcePathStyle: target.endpoint !== undefined,
    credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
    maxAttempts,
    // Checksums only where S3 requires them: many S3-compatible stores do not understand the SDK's default
    // trailing checksums (aws-chunked bodies), and the parts are checked by their ETag anyway.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * What an S3 error is called (`NoSuchKey`, `SignatureDoesNotMatch`, or a system code such as `ECONNREFUSED`)
 * and its HTTP status, without reading its prose.
 */
export function s3ErrorCode(error: unknown): { name: string; status?: number } {
  if (typeof error !== 'object' || error === null) return { name: String(error) };
  const named = error as { name?: unknown; Code?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const name =
    typeof named.Code === 'string'
      ? named.Code
      : typeof named.code === 'string'
        ? named.code
        : typeof named.name === 'string'
          ? named.name
          : 'Error';
  const status = named.$metadata?.httpStatusCode;
  return typeof status === 'number' ? { name, status } : { name };
}
