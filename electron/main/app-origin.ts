// The app's own origin: the renderer is served from app://batch-studio/, never from file:// or the network.

export const APP_SCHEME = 'app';
export const APP_HOST = 'batch-studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for a URL of our origin (exact scheme and host, any path). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
