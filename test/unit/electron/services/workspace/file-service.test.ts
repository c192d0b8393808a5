// Opening and saving batch files through the dialog port: real files in a temp folder, clear refusals.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileService, type FileDialogs } from '../../../../../electron/services/workspace/file-service';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-service-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Dialogs that answer with the next path given (undefined: the user cancelled). */
const dialogs = (answers: (string | undefined)[]): FileDialogs => ({
  chooseOpen: async () => answers.shift(),
  chooseSave: async () => answers.shift(),
});

describe('file service', () => {
  it('opens the file the dialog chose, without its BOM, and lists it as recent', async () => {
    const path = join(dir, 'orders.json');
    writeFileSync(path, '\uFEFF{"orders": []}');
    const files = createFileService({ userDataDir: dir, dialogs: dialogs([path]) });
    expect(await files.open()).toEqual({ cancelled: false, path, name: 'orders.json', text: '{"orders": []}' });
    expect((await files.recent()).map((f) => f.path)).toEqual([path]);
    // A recent file reopens by its path, and the list survives a restart.
    expect((await createFileService({ userDataDir: dir }).open(path)).cancelled).toBe(false);
  });

  it('says when the dialog was cancelled', async () => {
    expect(await createFileService({ userDataDir: dir, dialogs: dialogs([undefined]) }).open()).toEqual({
      cancelled: true,
    });
  });

  it('refuses a path no dialog gave (a renderer cannot read arbitrary files)', async () => {
    const path = join(dir, 'secret.txt');
    writeFileSync(path, 'x');
    await expect(createFileService({ userDataDir: dir }).open(path)).rejects.toThrow(/not opened through a dialog/);
  });

  it('refuses a file that is not UTF-8, and one that vanished, saying which', async () => {
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    await expect(createFileService({ userDataDir: dir, dialogs: dialogs([latin1]) }).open()).rejects.toThrow(
      /latin1\.json is not UTF-8 text/,
    );
    await expect(
      createFileService({ userDataDir: dir, dialogs: dialogs([join(dir, 'gone.json')]) }).open(),
    ).rejects.toThrow(/gone\.json is no longer there/);
  });

  it('saves to the dialog’s path, then to the same path without asking, and asks again for Save As', async () => {
    const first = join(dir, 'a.json');
    const second = join(dir, 'b.json');
    const files = createFileService({ userDataDir: dir, dialogs: dialogs([first, second]) });
    expect(await files.save({ text: 'one', suggestedName: 'Untitled 1.json' })).toEqual({
      cancelled: false,
      path: first,
      name: 'a.json',
    });
    await files.save({ text: 'two', path: first, suggestedName: 'a.json' });
    expect(readFileSync(first, 'utf8')).toBe('two');
    expect(await files.save({ text: 'three', path: first, suggestedName: 'a.json', saveAs: true })).toEqual({
      cancelled: false,
      path: second,
      name: 'b.json',
    });
    expect(readFileSync(second, 'utf8')).toBe('three');
    expect(readFileSync(first, 'utf8')).toBe('two');
  });

  it('without native dialogs says to use the window’s own Open and Save', async () => {
    await expect(createFileService({ userDataDir: dir }).open()).rejects.toThrow(/no native file dialogs/);
  });
});
