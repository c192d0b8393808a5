// Uploads one NDJSON file to S3 with lib-storage's multipart Upload: parts go up in parallel, each part is
// retried on its own after a network error (the parts already stored stay), and a cancel aborts the
// multipart upload so no partial object is left behind.
import { createReadStream } from 'node:fs';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

/** S3's smallest part (except the last one). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface UploadedObject {
  readonly bucket: string;
  readonly key: string;
  /** `s3://bucket/key`, as `/event-import` takes it (spec §7). */
  readonly s3Path: string;
  readonly bytes: number;
}

export interface UploadRequest {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly file: string;
  readonly bytes: number;
  readonly signal?: AbortSignal;
  readonly partBytes?: number;
  readonly parallelParts?: number;
  readonly onProgress?: (uploadedBytes: number) => void;
}

export const s3PathOf = (bucket: string, key: string): string => `s3://${bucket}/${key}`;

export async function uploadFile(request: UploadRequest): Promise<UploadedObject> {
  request.signal?.throwIfAborted();
  const upload = new Upload({
    client: request.client,
    // ContentLength given, so the part count is known up front rather than guessed from the stream.
    params: {
      Bucket: request.bucket,
      Key: request.key,
      Body: createReadStream(request.file),
      ContentLength: request.bytes,
      ContentType: 'application/x-ndjson',
    },
    partSize: Math.max(MIN_PART_BYTES, request.partBytes ?? 8 * 1024 * 1024),
    queueSize: request.parallelParts ?? 4,
    leavePartsOnError: false,
  });
  upload.on('httpUploadProgress', (progress) => {
    if (typeof progress.loaded === 'number') request.onProgress?.(progress.loaded);
  });
  const cancel = () => void upload.abort().catch(() => undefined);
  request.signal?.addEventListener('abort', cancel, { once: true });
  try {
    await upload.done();
  } finally {
    request.signal?.removeEventListener('abort', cancel);
  }
  return {
    bucket: request.bucket,
    key: request.key,
    s3Path: s3PathOf(request.bucket, request.key),
    bytes: request.bytes,
  };
}
