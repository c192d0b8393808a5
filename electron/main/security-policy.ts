// What a web page in our app may never do: navigate away, open windows, attach webviews, get permissions.
import type { Session, WebContents } from 'electron';

/** The parts of WebContents the policy touches (a fake in tests). */
export type PolicedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
export type PolicedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

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
}
