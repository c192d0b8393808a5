// The Host inside Electron: the preload's `window.api`, which exposes only the contract's channels.
import { hostOver, type Host, type HostTransport } from './host';

/** What the preload puts on `window.api` (electron/preload). */
export type PreloadApi = HostTransport;

export const createElectronHost = (api: PreloadApi): Host => hostOver('electron', api);
