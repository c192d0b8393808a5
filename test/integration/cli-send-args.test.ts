// `batch-studio send` refusals and wording through its CliIo port: credentials in --url (never printed),
// --force with --valid-only, negative numbers, files that are not UTF-8 (with the byte offset), and the
// progress line while a request is retried.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../electron/cli/commands/send';
import { firstBadUtf8, type CliIo } from '../../electron/cli/io';

let dir: string;
let server: Server;
let url: string;
let answered = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bs-send-args-'));
  // The first answer is a 503 with the API's JSON (nothing stored), then every event is accepted.
  server = createServer((req, res) => {
    const pieces: Buffer[] = [];
    req.on('data', (p: Buffer) => pieces.push(p));
    req.on('end', () => {
      answered++;
      if (answered === 1) {
        res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' });
        return void res.end('{"errorMessage":"busy"}');
      }
      const body = JSON.parse(Buffer.concat(pieces).toString('utf8')) as Record<string, unknown[]>;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(Object.fromEntries(Object.entries(body).map(([c, e]) => [c, e.map(() => ({ success: true }))]))),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function io() {
  const out = { stdout: '', stderr: '' };
  const port: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    env: { BS_KEY: 'key-0123456789abcdef' },
    cwd: dir,
    stderrIsTty: false,
    interrupted: new AbortController().signal,
  };
  return { port, out };
}

const target = (base = url) => ['--url', base, '--project-id', 'p1', '--api-key-env', 'BS_KEY', '--no-record'];

/** Runs send; a usage error (thrown) becomes its message. */
async function attempt(
  argv: string[],
): Promise<{ code?: number; error?: string; out: { stdout: string; stderr: string } }> {
  const { port, out } = io();
  try {
    return { code: await run(argv, port), out };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), out };
  }
}

describe('batch-studio send: refusals', () => {
  it('refuses a URL with user:password and never repeats it', async () => {
    writeFileSync(join(dir, 'b.json'), '{"c":[{"id":1}]}');
    for (const base of ['http://admin:hunter22@127.0.0.1:1', 'https://user@api.example.com/v1']) {
      const result = await attempt(['b.json', ...target(base)]);
      expect(result.error).toMatch(/--url must not contain a user name or password/);
      expect(result.error).not.toContain('hunter22');
      expect(result.error).not.toContain('user@');
    }
  });

  it('refuses --force with --valid-only', async () => {
    const result = await attempt(['b.json', ...target(), '--force', '--valid-only']);
    expect(result.error).toBe('--force sends every event and --valid-only leaves out those with errors: choose one.');
  });

  it('says a negative or zero --chunk-size must be a positive whole number', async () => {
    expect((await attempt(['b.json', ...target(), '--chunk-size', '-1'])).error).toBe(
      "--chunk-size must be a positive whole number (1 to 5,000), not '-1'.",
    );
    expect((await attempt(['b.json', ...target(), '--chunk-size', '0'])).error).toBe(
      "--chunk-size must be a positive whole number (1 to 5,000), not '0'.",
    );
    expect((await attempt(['b.json', ...target(), '--retries', '-2'])).error).toBe(
      "--retries must be a whole number from 0 to 100, not '-2'.",
    );
  });

  it('refuses a file that is not UTF-8, naming the byte offset of the first bad sequence, and sends nothing', async () => {
    const before = answered;
    // "é" in Latin-1 (0xE9) at byte 21, after valid UTF-8 ("ü" is two bytes).
    const bytes = Buffer.concat([Buffer.from('{"c":[{"id":1,"n":"ü'), Buffer.from([0xe9]), Buffer.from('"}]}')]);
    writeFileSync(join(dir, 'latin1.json'), bytes);
    const result = await attempt(['latin1.json', ...target()]);
    expect(result.code).toBe(2);
    expect(result.out.stderr).toBe(
      "batch-studio send: cannot read 'latin1.json': it is not valid UTF-8 (the first bad byte sequence is at byte offset 21); save it as UTF-8.\n",
    );
    expect(answered).toBe(before);
  });

  it('finds the first ill-formed UTF-8 sequence: truncated, overlong, surrogate, beyond U+10FFFF', () => {
    expect(firstBadUtf8(Buffer.from('plain ascii and ü € 𝄞'))).toBe(-1);
    expect(firstBadUtf8(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(firstBadUtf8(Buffer.from([0x61, 0x62, 0xc0, 0xaf]))).toBe(2);
    expect(firstBadUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstBadUtf8(Buffer.from([0x20, 0xf4, 0x90, 0x80, 0x80]))).toBe(1);
    expect(firstBadUtf8(Buffer.from([0xe2, 0x82, 0xac, 0x80]))).toBe(3);
  });
});

describe('batch-studio send: progress while retrying', () => {
  it('says which request is retried, which attempt of how many, and in how long', async () => {
    writeFileSync(join(dir, 'retry.json'), JSON.stringify({ r: [{ id: 1 }, { id: 2 }, { id: 3 }] }));
    const { port, out } = io();
    expect(await run(['retry.json', ...target(), '--chunk-size', '2', '--retries', '4'], port)).toBe(0);
    expect(out.stderr).toBe(
      'retrying request 1 (attempt 2 of 5) in 1.0 s\nSent request 1/2, 2/3 events\nSent request 2/2, 3/3 events\n',
    );
  });
});
