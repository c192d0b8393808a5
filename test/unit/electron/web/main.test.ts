// The browser host as people start it: a real process with its own user-data folder, one ready line with
// URL and token, the embedded sandbox, and a clean stop on SIGTERM.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parsePort } from '../../../../electron/web/main';
import { startWebHost, type WebHost } from '../../../harness/web-host';

const root = resolve(import.meta.dirname, '../../../..');
const rendererBuilt = existsSync(join(root, 'dist', 'renderer', 'index.html'));
if (!rendererBuilt)
  console.log('web host process test skipped: dist/renderer is not built (run `npm run build:renderer`).');

describe('parsePort', () => {
  it('reads --port N and --port=N, defaults to 0, refuses nonsense', () => {
    expect(parsePort([])).toBe(0);
    expect(parsePort(['--port', '8080'])).toBe(8080);
    expect(parsePort(['--user-data', 'x', '--port=0'])).toBe(0);
    expect(() => parsePort(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parsePort(['--port', '70000'])).toThrow(/--port/);
  });
});

describe.skipIf(!rendererBuilt)('browser host process', () => {
  let host: WebHost | undefined;
  let dir: string | undefined;

  afterAll(async () => {
    await host?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints its URL with a token, serves the app and the bridge, keeps data in --user-data, stops on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bs-webhost-'));
    host = await startWebHost({ userDataDir: dir });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token.length).toBeGreaterThanOrEqual(43);

    const page = await fetch(`${host.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");

    const info = await fetch(`${host.url}/bridge/invoke/app:info`, {
      method: 'POST',
      headers: { 'X-Bridge-Token': host.token },
      body: '{}',
    });
    expect(await info.json()).toEqual({
      ok: true,
      data: { version: expect.any(String), host: 'web', userDataDir: dir },
    });
    const status = await fetch(`${host.url}/bridge/invoke/sandbox:status`, {
      method: 'POST',
      headers: { 'X-Bridge-Token': host.token },
      body: '{}',
    });
    expect(await status.json()).toMatchObject({ ok: true, data: { state: 'running' } });
    expect((await stat(join(dir, 'sandbox.json'))).isFile()).toBe(true);

    // A second host on the same folder would run a second sandbox on the same event log: refused.
    await expect(startWebHost({ userDataDir: dir })).rejects.toThrow(
      /\nBatch Studio: The data folder .* is in use by a running Batch Studio \(process \d+\)/,
    );

    const exited = new Promise<number | null>((done) => host?.child.once('exit', (code) => done(code)));
    await host.stop();
    expect(await exited).toBe(0);
  });
});
