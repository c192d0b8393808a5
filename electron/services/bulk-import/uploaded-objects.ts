// Deletes the objects a bulk import uploaded, once the imports that read them are finished.
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from './s3-client';
import { describeS3Error } from './s3-errors';
import type { BulkS3Settings } from './bulk-import';
import type { UploadedObject } from './s3-upload';

export interface DeleteReport {
  readonly deleted: string[];
  /** `s3Path` and why, naming the bucket, never a credential. */
  readonly failed: { s3Path: string; message: string }[];
}

export async function deleteUploadedObjects(
  s3: BulkS3Settings,
  objects: readonly UploadedObject[],
): Promise<DeleteReport> {
  const client = createS3Client({
    region: s3.region,
    endpoint: s3.endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  });
  const report: DeleteReport = { deleted: [], failed: [] };
  try {
    for (const object of objects) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: object.bucket, Key: object.key }));
        report.deleted.push(object.s3Path);
      } catch (error) {
        report.failed.push({ s3Path: object.s3Path, message: describeS3Error(error, 'Deleting from', object.bucket) });
      }
    }
  } finally {
    client.destroy();
  }
  return report;
}
