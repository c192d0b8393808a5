// Finds a file of the built renderer for a URL path, with its content type, never outside the renderer folder.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (path: string): string =>
  contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

/**
 * The file for a URL pathname (already without query or fragment; still percent-encoded), or undefined when
 * there is none or the path tries to leave `rootDir` (`..`, encoded separators, symlinks pointing out).
 */
export async function readStaticFile(rootDir: string, pathname: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return undefined;
  const wanted = segments.length === 0 ? 'index.html' : segments.join(sep);
  try {
    const root = await realpath(rootDir);
    const path = await realpath(join(root, wanted));
    if (!inside(root, path) || !(await stat(path)).isFile()) return undefined;
    return { body: await readFile(path), contentType: contentTypeOf(path) };
  } catch {
    return undefined;
  }
}
