// Window size and position: remembered in window.json, never restored out of reach or from a damaged file.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_WINDOW,
  readWindowState,
  restoreWindowState,
  windowStatePath,
  writeWindowState,
} from '../../../../electron/main/window-state';

const display = { x: 0, y: 0, width: 1920, height: 1080 };
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('window state', () => {
  it('round-trips through window.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bs-window-'));
    dirs.push(dir);
    const path = windowStatePath(dir);
    expect(await readWindowState(path, [display])).toEqual(DEFAULT_WINDOW);
    await writeWindowState(path, { x: 100, y: 50, width: 1100, height: 700 }, true);
    expect(await readWindowState(path, [display])).toEqual({
      bounds: { x: 100, y: 50, width: 1100, height: 700 },
      maximized: true,
    });
  });

  it('falls back to the default for a damaged file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bs-window-'));
    dirs.push(dir);
    await writeFile(windowStatePath(dir), '{"version": 1, "bounds": "huge"');
    expect(await readWindowState(windowStatePath(dir), [display])).toEqual(DEFAULT_WINDOW);
    expect(
      restoreWindowState({ version: 1, bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false }, [display]),
    ).toEqual(DEFAULT_WINDOW);
  });

  it('keeps the size but drops a position on no display (a monitor was unplugged)', () => {
    const saved = { version: 1, bounds: { x: 4000, y: 200, width: 1000, height: 700 }, maximized: false };
    expect(restoreWindowState(saved, [display])).toEqual({ bounds: { width: 1000, height: 700 }, maximized: false });
    expect(restoreWindowState(saved, [display, { x: 1920, y: 0, width: 2560, height: 1440 }]).bounds).toEqual(
      saved.bounds,
    );
  });
});
