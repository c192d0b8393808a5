// Files of the built renderer for URL paths, on a real temp folder: content types, index.html for the root,
// and nothing outside the folder (dot segments, encoded separators, NUL, symlinks pointing out).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentTypeOf, readStaticFile } from '../../../../electron/node/static-files';

let root: string;
let renderer: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bs-static-'));
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'x');
  writeFileSync(join(renderer, 'assets', 'a b.css'), 'y');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('static files', () => {
  it('serves index.html for the root and files with their content types, percent-decoded', async () => {
    expect((await readStaticFile(renderer, '/'))?.body.toString()).toBe('<!doctype html>');
    expect(await readStaticFile(renderer, '/assets/app.js')).toMatchObject({
      contentType: 'text/javascript; charset=utf-8',
    });
    expect((await readStaticFile(renderer, '/assets/a%20b.css'))?.body.toString()).toBe('y');
    expect(contentTypeOf('x.WOFF2')).toBe('font/woff2');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });

  it('never reads outside the folder, and answers nothing for folders and missing files', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%00',
      '/%E0%A4%A',
      '/assets/link.txt',
      '/assets',
      '/nope.js',
    ]) {
      expect(await readStaticFile(renderer, path), path).toBeUndefined();
    }
  });
});
