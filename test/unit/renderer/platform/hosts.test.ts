// The two Hosts: the Electron one over the preload's api, the web one over a loopback bridge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createElectronHost, type PreloadApi } from '../../../../renderer/platform/electron-host';
import { HostError } from '../../../../renderer/platform/host';
import { createWebHost, tokenFromHash } from '../../../../renderer/platform/web-host';

describe('tokenFromHash', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#token=abc_123')).toBe('abc_123');
    expect(tokenFromHash('')).toBeUndefined();
    expect(tokenFromHash('#other=1')).toBeUndefined();
  });
});

describe('Electron host', () => {
  it('unwraps ok results and throws a HostError with the code otherwise', async () => {
    const calls: [string, unknown][] = [];
    const api: PreloadApi = {
      invoke: async (channel, input) => {
        calls.push([channel, input]);
        return channel === 'send:cancel'
          ? { ok: false, error: { code: 'not-found', message: 'No such run.' } }
          : { ok: true, data: { cancelled: true } };
      },
      on: () => () => undefined,
    };
    const host = createElectronHost(api);
    await expect(host.invoke('profiles:select', { id: 'p' })).resolves.toEqual({ cancelled: true });
    const failure = await host.invoke('send:cancel', { runId: 'r' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HostError);
    expect(failure).toMatchObject({ code: 'not-found', message: 'No such run.' });
    expect(calls).toEqual([
      ['profiles:select', { id: 'p' }],
      ['send:cancel', { runId: 'r' }],
    ]);
  });
});

describe('web host', () => {
  let server: Server;
  let base = '';
  const seen: { url: string; token: string | undefined; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ url: req.url ?? '', token: req.headers['x-bridge-token'] as string | undefined, body });
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/bridge/invoke/app:info')
          res.end(JSON.stringify({ ok: true, data: { version: '1', host: 'web', userDataDir: '/x' } }));
        else if (req.url === '/bridge/invoke/broken') res.end('not json');
        else res.end(JSON.stringify({ ok: false, error: { code: 'bad-input', message: 'Input is not valid.' } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts the input with the token header and returns the data', async () => {
    const host = createWebHost('tok', base);
    await expect(host.invoke('app:info', {})).resolves.toEqual({ version: '1', host: 'web', userDataDir: '/x' });
    expect(seen.at(-1)).toEqual({ url: '/bridge/invoke/app:info', token: 'tok', body: '{}' });
  });

  it('posts a tab text of megabytes exactly as it is (encoded a slice at a time)', async () => {
    const host = createWebHost('tok', base);
    const text = '{"e":"\u00e9 \ud83d\ude00 \\ \\"quoted\\"\\n"}\n'.repeat(60_000);
    const input = { tabs: [{ id: 'a', title: 'Big', dirty: true, text }], activeId: 'a' };
    await host.invoke('workspace:save', input).catch(() => undefined);
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual(input);
  });

  it('throws HostError for an error answer and for an unreadable body', async () => {
    const host = createWebHost('tok', base);
    await expect(host.invoke('profiles:select', { id: 'x' })).rejects.toMatchObject({
      name: 'HostError',
      code: 'bad-input',
    });
    await expect(host.invoke('broken' as 'app:info', {})).rejects.toMatchObject({ name: 'HostError', code: 'failed' });
  });

  it('says the host is unreachable when nothing listens', async () => {
    const host = createWebHost('tok', 'http://127.0.0.1:9/');
    await expect(host.invoke('app:info', {})).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringContaining('cannot be reached'),
    });
  });
});
