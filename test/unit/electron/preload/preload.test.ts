// The preload as it ships (bundled by esbuild to CommonJS), run with a fake contextBridge and ipcRenderer:
// it exposes `api` only, forwards only the contract's channels and events, and stays tiny.
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { channelNameList, eventIpcChannel, eventNameList } from '../../../../electron/contract/channel-names';

interface PreloadApi {
  invoke(channel: unknown, input: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

const root = resolve(import.meta.dirname, '../../../..');
let code: string;

beforeAll(async () => {
  // The same options scripts/build-node.mjs uses for dist/electron/preload.cjs.
  const result = await build({
    entryPoints: [resolve(root, 'electron/preload/index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  code = result.outputFiles[0]?.text ?? '';
});

/** Runs the bundle with a fake `electron` module; returns what it exposed and what it sent. */
function load() {
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        invoked.push({ channel, input });
        return { ok: true, data: { echoed: channel } };
      },
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      },
      removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
  const required: string[] = [];
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`the preload may not require ${name}`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'secret-internals' }, payload);
  };
  return { exposed, invoked, listeners, required, emit, api: exposed.get('api') as PreloadApi };
}

describe('preload', () => {
  it('is tiny and requires nothing but electron', () => {
    const { required, exposed } = load();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['api']);
    expect(code.length).toBeLessThan(6_000);
    expect(code).not.toContain('zod');
  });

  it('exposes a frozen api with invoke and on only', () => {
    const { api } = load();
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards every contract channel to ipcRenderer.invoke', async () => {
    const { api, invoked } = load();
    for (const channel of channelNameList) {
      expect(await api.invoke(channel, { a: 1 })).toEqual({ ok: true, data: { echoed: channel } });
    }
    expect(invoked.map((i) => i.channel)).toEqual([...channelNameList]);
  });

  it('refuses any other channel without forwarding it', async () => {
    const { api, invoked } = load();
    for (const channel of ['secrets:read', 'event:send:progress', 'toString', '__proto__', 42, undefined]) {
      expect(await api.invoke(channel, {})).toEqual({
        ok: false,
        error: { code: 'unknown-channel', message: 'Unknown channel.' },
      });
    }
    expect(invoked).toEqual([]);
  });

  it('subscribes to contract events only, hands over the payload alone, and unsubscribes', () => {
    const { api, emit, listeners } = load();
    for (const name of eventNameList) {
      const received: unknown[][] = [];
      const off = api.on(name, (...args: unknown[]) => received.push(args));
      emit(eventIpcChannel(name), { n: 1 });
      expect(received).toEqual([[{ n: 1 }]]);
      off();
      emit(eventIpcChannel(name), { n: 2 });
      expect(received).toHaveLength(1);
      expect(listeners.get(eventIpcChannel(name))?.size).toBe(0);
    }
    expect(() => api.on('secrets:changed', () => undefined)).toThrow('Unknown event.');
    expect(() => api.on('send:progress', 'not a function')).toThrow();
    expect(listeners.has('secrets:changed')).toBe(false);
  });
});
