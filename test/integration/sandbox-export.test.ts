// Export of a large valid collection from a real sandbox process: 9,000 events of about 64 KB are more text
// than one string may hold, so the answer must be streamed (it answered 500 when built as one string).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';

const EVENTS = 9_000;
const PAYLOAD_CHARS = 65_400; // the event stays just under the 64 KiB rule of spec §4
const PER_REQUEST = 300; // about 19.6 MB a request, under the sandbox's 20 MB body cap

let sandbox: SandboxProcess;
beforeAll(async () => {
  sandbox = await startSandboxProcess();
});
afterAll(async () => {
  await sandbox?.stop();
});

const id = (i: number) => `e${String(i).padStart(5, '0')}`;

interface Streamed {
  readonly status: number;
  readonly bytes: number;
  readonly head: string;
  readonly tail: string;
  readonly ids: string[];
}

/** Reads the export as a stream (the test process could not hold it as one string either), noting the ids. */
const streamExport = (collection: string) =>
  new Promise<Streamed>((resolve, reject) => {
    const req = request(
      `${sandbox.url}/events/${collection}/export`,
      { headers: { 'x-project-id': sandbox.projectId, 'x-api-key': sandbox.keys.query } },
      (res) => {
        let bytes = 0;
        let head = '';
        let carry = '';
        const ids: string[] = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          bytes += Buffer.byteLength(chunk);
          if (head.length < 64) head += chunk.slice(0, 64);
          const text = carry + chunk;
          for (const match of text.matchAll(/"id":"(e\d{5})"/g)) ids.push(match[1] as string);
          // One character less than a whole `"id":"e00000"` (13 characters): an id split across chunks is
          // found, and one that ends a chunk is not found twice.
          carry = text.slice(-12);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, head, tail: carry.slice(-2), ids }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });

describe('export of a large collection', () => {
  it('streams 9,000 events of 64 KB (about 590 MB) in insertion order', { timeout: 600_000 }, async () => {
    const payload = 'x'.repeat(PAYLOAD_CHARS);
    for (let start = 0; start < EVENTS; start += PER_REQUEST) {
      const events = Array.from({ length: Math.min(PER_REQUEST, EVENTS - start) }, (_, k) => ({
        id: id(start + k),
        p: payload,
      }));
      const answer = await callSandbox(sandbox, 'POST', '/events', { body: { big: events } });
      expect(answer.status).toBe(200);
      expect(answer.json<{ big: { success: boolean }[] }>().big.every((r) => r.success)).toBe(true);
    }
    const streamed = await streamExport('big');
    expect(streamed.status).toBe(200);
    expect(streamed.head.startsWith('{"results":[{')).toBe(true);
    expect(streamed.tail).toBe(']}');
    expect(streamed.bytes).toBeGreaterThan(EVENTS * PAYLOAD_CHARS);
    expect(streamed.ids).toEqual(Array.from({ length: EVENTS }, (_, i) => id(i)));
  });

  it('a small export is still one JSON document with its events as stored', async () => {
    await callSandbox(sandbox, 'POST', '/events', {
      body: {
        small: [
          { id: 's1', n: 1 },
          { id: 's2', n: 2 },
        ],
      },
    });
    const answer = await callSandbox(sandbox, 'GET', '/events/small/export', { key: 'query' });
    expect(answer.status).toBe(200);
    expect(answer.json<{ results: { id: string; n: number }[] }>().results.map((e) => [e.id, e.n])).toEqual([
      ['s1', 1],
      ['s2', 2],
    ]);
    expect((await callSandbox(sandbox, 'GET', '/events/none/export', { key: 'query' })).text).toBe('{"results":[]}');
  });
});
