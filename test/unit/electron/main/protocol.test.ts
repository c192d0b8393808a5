// The app:// protocol handler: serves the built renderer with content types and the strict CSP, nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppProtocolHandler, privilegedSchemes } from '../../../../electron/main/protocol';

let root: string;
let handle: (request: Request) => Promise<Response>;
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bs-protocol-'));
  const renderer = join(root, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Batch Studio</title>');
  await writeFile(join(renderer, 'assets', 'index.js'), 'export {}');
  await writeFile(join(renderer, 'assets', 'editor.worker.js'), 'self.onmessage = () => {}');
  await writeFile(join(renderer, 'assets', 'codicon.ttf'), Buffer.from([0, 1, 0, 0]));
  await writeFile(join(root, 'secret.txt'), 'outside');
  await symlink(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  handle = createAppProtocolHandler(renderer);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    expect(privilegedSchemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves index.html with the strict CSP header, connect-src none', async () => {
    const response = await get('app://batch-studio/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self'; font-src 'self' data:; img-src 'self' data:; connect-src 'none'",
    );
    expect(await response.text()).toContain('<title>Batch Studio</title>');
    expect((await get('app://batch-studio/')).status).toBe(200);
  });

  it('serves scripts, workers and fonts with their types', async () => {
    expect((await get('app://batch-studio/assets/index.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://batch-studio/assets/editor.worker.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://batch-studio/assets/codicon.ttf')).headers.get('content-type')).toBe('font/ttf');
  });

  it('never leaves the renderer folder, nor serves another host or a missing file', async () => {
    for (const url of [
      'app://batch-studio/../secret.txt',
      'app://batch-studio/%2e%2e/secret.txt',
      'app://batch-studio/assets/..%2f..%2fsecret.txt',
      'app://batch-studio/assets/link.txt',
      'app://other/index.html',
      'app://batch-studio/missing.js',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside');
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('app://batch-studio/index.html', 'POST')).status).toBe(405);
    const head = await get('app://batch-studio/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
