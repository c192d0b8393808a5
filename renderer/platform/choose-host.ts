// Picks the Host at start-up: Electron's preload when present, else the browser host's bridge.
import { createElectronHost, type PreloadApi } from './electron-host';
import type { Host } from './host';
import { createWebHost, tokenFromHash } from './web-host';

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

/** The Host for this window, or a message saying why there is none. */
export function chooseHost(win: Window): Host | { problem: string } {
  if (win.api) return createElectronHost(win.api);
  const token = tokenFromHash(win.location.hash);
  if (token) return createWebHost(token);
  return {
    problem: 'This page was opened without its access token. Open the exact URL Batch Studio printed when it started.',
  };
}
