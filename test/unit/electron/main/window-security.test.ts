// The window's security settings and policies, checked with a fake of the few Electron objects they touch.
import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { mainWindowOptions } from '../../../../electron/main/window-options';
import {
  applyContentsPolicy,
  applySessionPolicy,
  requestAllowed,
  type PolicedContents,
  type PolicedSession,
} from '../../../../electron/main/security-policy';

type Listener = (event: { preventDefault(): void; defaultPrevented: boolean }, ...args: unknown[]) => void;

/** A web contents that records what the policy registered, and lets the test fire events at it. */
function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  return {
    contents: contents as unknown as PolicedContents,
    /** Fires an event; true when some listener prevented its default. */
    fire(name: string, ...args: unknown[]): boolean {
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      for (const listener of listeners.get(name) ?? []) listener(event, ...args);
      return event.defaultPrevented;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('main window options', () => {
  const options = mainWindowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    bounds: { width: 1000, height: 700 },
  });

  it('isolate the page: context isolation, sandbox, no Node, web security, no webview', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('use the remembered bounds and wait for the first paint before showing', () => {
    expect(options).toMatchObject({ width: 1000, height: 700, show: false });
  });
});

describe('web contents policy', () => {
  it('denies navigation, redirects and webviews', () => {
    const fake = fakeContents();
    applyContentsPolicy(fake.contents);
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-navigate', 'app://batch-studio/other.html')).toBe(true);
    expect(fake.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies window.open whatever the URL', () => {
    const fake = fakeContents();
    applyContentsPolicy(fake.contents);
    expect(fake.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(fake.open('app://batch-studio/index.html')).toEqual({ action: 'deny' });
  });
});

describe('session policy', () => {
  it('denies every permission request and check', () => {
    let request:
      ((contents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    const session = {
      webRequest: { onBeforeRequest: () => undefined },
      setPermissionRequestHandler: (handler: typeof request) => {
        request = handler;
      },
      setPermissionCheckHandler: (handler: typeof check) => {
        check = handler;
      },
    } as unknown as PolicedSession & Pick<Session, 'setPermissionRequestHandler'>;
    applySessionPolicy(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      request?.({} as WebContents, permission, (value) => {
        granted = value;
      });
      expect(granted, permission).toBe(false);
      expect(check?.({}, permission, 'app://batch-studio'), permission).toBe(false);
    }
  });
});

describe('request policy', () => {
  it('lets the app load its own files and refuses the network and the file system', () => {
    let filter: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | undefined;
    const session = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      webRequest: {
        onBeforeRequest: (listener: typeof filter) => {
          filter = listener;
        },
      },
    } as unknown as PolicedSession;
    applySessionPolicy(session);
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      filter?.({ url }, (response) => {
        answer = response.cancel;
      });
      return answer;
    };
    expect(cancelled('app://batch-studio/assets/index.js')).toBe(false);
    expect(cancelled('data:font/ttf;base64,AAAA')).toBe(false);
    for (const url of [
      'https://api.getconnect.io/events',
      'http://127.0.0.1:8787/events',
      'file:///etc/passwd',
      'ws://127.0.0.1:1/',
    ]) {
      expect(cancelled(url), url).toBe(true);
      expect(requestAllowed(url), url).toBe(false);
    }
  });
});
