// The renderer's only bridge to main: `window.api.invoke` and `window.api.on`, for the contract's
// channel and event names only. Kept tiny: it imports the plain name lists, not the schemas.
import { contextBridge, ipcRenderer } from 'electron';
import { channelNameList, eventIpcChannel, eventNameList } from '../contract/channel-names';

const channels = new Set<string>(channelNameList);
const events = new Set<string>(eventNameList);

const api = {
  invoke(channel: unknown, input: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: 'Unknown channel.' } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event: unknown, listener: unknown): () => void {
    if (typeof event !== 'string' || !events.has(event)) throw new Error('Unknown event.');
    if (typeof listener !== 'function') throw new Error('A listener must be a function.');
    const ipcChannel = eventIpcChannel(event);
    // The renderer gets the payload only, never Electron's event object (it exposes `sender`).
    const forward = (_event: unknown, payload: unknown) => (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(ipcChannel, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
