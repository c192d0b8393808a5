// The IPC binding: every contract channel is handled, and only our window's main frame on app:// may call.
import { describe, expect, it } from 'vitest';
import { channelNameList } from '../../../../electron/contract/channel-names';
import { bindIpc, isTrustedIpcSender, type InvokeEventLike } from '../../../../electron/main/ipc-binding';
import { createRouter } from '../../../../electron/router/router';
import { type Handlers } from '../../../../electron/contract/handlers';

const ourContents = { id: 7 };
const frame = (url: string, parent: unknown = null) => ({ url, parent });
const event = (senderId: number, senderFrame: unknown): InvokeEventLike =>
  ({ sender: { id: senderId }, senderFrame }) as unknown as InvokeEventLike;

describe('isTrustedIpcSender', () => {
  const window = () => ourContents;
  it('trusts the main frame of our window on app://batch-studio', () => {
    expect(isTrustedIpcSender(event(7, frame('app://batch-studio/index.html')), window)).toBe(true);
  });
  it('refuses a subframe, another origin, another window, a destroyed frame, or no window', () => {
    expect(
      isTrustedIpcSender(event(7, frame('app://batch-studio/index.html', frame('app://batch-studio/'))), window),
    ).toBe(false);
    expect(isTrustedIpcSender(event(7, frame('https://evil.example/')), window)).toBe(false);
    expect(isTrustedIpcSender(event(7, frame('app://evil/index.html')), window)).toBe(false);
    expect(isTrustedIpcSender(event(7, frame('file:///index.html')), window)).toBe(false);
    expect(isTrustedIpcSender(event(8, frame('app://batch-studio/index.html')), window)).toBe(false);
    expect(isTrustedIpcSender(event(7, null), window)).toBe(false);
    expect(isTrustedIpcSender(event(7, frame('app://batch-studio/index.html')), () => undefined)).toBe(false);
  });
});

describe('bindIpc', () => {
  it('registers exactly the contract’s channels and routes them with the sender check', async () => {
    const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, listener: (event: unknown, input: unknown) => Promise<unknown>) =>
        registered.set(channel, listener),
    };
    const handlers = {
      'app:info': async () => ({ version: '1', host: 'electron', userDataDir: '/u' }),
    } as Partial<Handlers> as Handlers;
    const router = createRouter<InvokeEventLike>({
      handlers,
      isTrustedSender: (e) => isTrustedIpcSender(e, () => ourContents),
    });
    bindIpc(ipcMain as never, router);
    expect([...registered.keys()].sort()).toEqual([...channelNameList].sort());

    const call = registered.get('app:info');
    expect(await call?.(event(7, frame('app://batch-studio/index.html')), {})).toEqual({
      ok: true,
      data: { version: '1', host: 'electron', userDataDir: '/u' },
    });
    expect(await call?.(event(7, frame('https://evil.example/')), {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });
});
