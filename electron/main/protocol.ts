// The app:// protocol: serves the built renderer from disk under the strict CSP, nothing outside it.
import type { CustomScheme } from 'electron';
import { appContentPolicy } from '../contract/content-policy';
import { readStaticFile } from '../node/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Registered before the app is ready: a standard, secure origin (so workers, modules and the CSP behave as on https). */
export const privilegedSchemes: CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
  },
];

const headers = (contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Content-Security-Policy': appContentPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
});

export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response('Bad request', { status: 400, headers: headers('text/plain; charset=utf-8') });
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST)
      return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405, headers: headers('text/plain; charset=utf-8') });
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: headers(file.contentType),
    });
  };
}
