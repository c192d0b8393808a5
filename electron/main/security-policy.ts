// What a web page in our app may never do: navigate away, open windows, attach webviews, get permissions.
import type { Session, WebContents } from 'electron';

/** The parts of WebContents the policy touches (a fake in tests). */
export type PolicedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
export type PolicedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  readonly webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

// What a page of ours may load: its own origin, inline data, and DevTools in development.
const allowedRequest = /^(app|data|blob|devtools|chrome-extension):/i;

/** Behind the CSP, a second wall: the session refuses any request that leaves the app (http, https, file, ws). */
export const requestAllowed = (url: string): boolean => allowedRequest.test(url);

export function applyContentsPolicy(contents: PolicedContents): void {
  // The app is one page; any navigation (a dropped file, a link, a redirect) would leave our origin's CSP.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function applySessionPolicy(session: PolicedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !requestAllowed(details.url) }));
}
