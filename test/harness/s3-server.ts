// A real S3-compatible server (s3rver) on loopback for bulk import tests and benches: its own data folder,
// one bucket, one key pair; it can be stopped and started again on the same port with the same objects.
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSignature } from './s3-signature-check';

interface S3rverInstance {
  configureBuckets(): Promise<void>;
  callback(): (request: unknown, response: unknown) => void;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
interface S3rverAccount {
  createKeyPair(accessKeyId: string, secretAccessKey: string): void;
}

const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as S3rverClass;
// s3rver only checks that the access key id belongs to its one account (it does not verify SigV4):
// this adds our key pair to it, and checkSignature in front verifies the secret.
const account = (require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: S3rverAccount }).DUMMY_ACCOUNT;

export const S3_ACCESS_KEY_ID = 'AKIABATCHSTUDIOTEST';
export const S3_SECRET = 'bs-s3-secret-9f3c1e7a-do-not-print';
export const S3_BUCKET = 'batch-studio-imports';
account.createKeyPair(S3_ACCESS_KEY_ID, S3_SECRET);
const SECRETS = new Map([[S3_ACCESS_KEY_ID, S3_SECRET]]);

const S3_ERROR = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code}</Message></Error>`;

export interface S3Server {
  /** `http://127.0.0.1:PORT`: the same port across stop() and start(). */
  readonly url: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Closes the port and every open connection at once (uploads in flight see a reset). */
  stop(): Promise<void>;
  /** Listens again on the same port, with the objects kept on disk. */
  start(): Promise<void>;
  /** Stops it and removes its data folder. */
  dispose(): Promise<void>;
  /** Every request's method and path as the server received it. */
  readonly requests: string[];
  /** Called for each signed request before it is served (a test may stop the server from here). */
  readonly hooks: { onRequest?: (method: string, url: string) => void };
}

export async function startS3Server(): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'bs-s3-'));
  const instance = new S3rver({ silent: true, directory, configureBuckets: [{ name: S3_BUCKET, configs: [] }] });
  await instance.configureBuckets();
  const handle = instance.callback();
  const requests: string[] = [];
  const hooks: S3Server['hooks'] = {};
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((request, response) => {
        requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
        const verdict = checkSignature(request, SECRETS);
        if (verdict === 'valid' && request.method === 'DELETE' && /[?&]uploadId=/.test(request.url ?? '')) {
          // s3rver lacks AbortMultipartUpload (405): answered as S3 does, so an aborted upload ends cleanly.
          response.writeHead(204);
          return void response.end();
        }
        if (verdict === 'valid') {
          hooks.onRequest?.(request.method ?? '', request.url ?? '');
          return handle(request, response);
        }
        const code =
          verdict === 'mismatch'
            ? 'SignatureDoesNotMatch'
            : verdict === 'unknown-key'
              ? 'InvalidAccessKeyId'
              : 'AccessDenied';
        // The body is read first, so a client still writing it sees the 403 rather than a reset.
        request.resume();
        request.once('end', () => {
          response.writeHead(403, { 'content-type': 'application/xml' });
          response.end(S3_ERROR(code));
        });
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = undefined;
      if (!current) return resolve();
      current.close(() => resolve());
      current.closeAllConnections();
    });
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    bucket: S3_BUCKET,
    accessKeyId: S3_ACCESS_KEY_ID,
    secretAccessKey: S3_SECRET,
    requests,
    hooks,
    stop,
    start: listen,
    async dispose() {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
