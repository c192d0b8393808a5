// Opens and saves batch files for the renderer through native dialogs (a port the composition root passes),
// and keeps the recent files. A path from the renderer is honoured only if a dialog produced it before,
// so a renderer cannot read or write arbitrary files.
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { decodeTextFile, MAX_OPEN_BYTES, tooLargeMessage } from '../../../core/formats/decode-text-file';
import { writeFileAtomic } from '../../node/atomic-file';
import { readJsonFile } from '../../node/json-file';
import { CallFailure } from '../../contract/handlers';

/** Native open and save dialogs; undefined when the user cancelled. */
export interface FileDialogs {
  chooseOpen(): Promise<string | undefined>;
  chooseSave(suggestedName: string): Promise<string | undefined>;
}

export interface RecentFile {
  readonly path: string;
  readonly name: string;
  readonly openedAt: string;
}

export type OpenResult =
  | { readonly cancelled: true }
  | { readonly cancelled: false; readonly path: string; readonly name: string; readonly text: string };
export type SaveResult =
  { readonly cancelled: true } | { readonly cancelled: false; readonly path: string; readonly name: string };

export interface FileService {
  open(path?: string): Promise<OpenResult>;
  save(input: {
    text: string;
    path?: string | undefined;
    suggestedName: string;
    saveAs?: boolean | undefined;
  }): Promise<SaveResult>;
  recent(): Promise<readonly RecentFile[]>;
}

const MAX_RECENT = 10;
const recentSchema = z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() })),
});

const NO_DIALOGS =
  'This window has no native file dialogs: use Open and Save in the window, which use the browser’s own.';

const fileError = (name: string, error: unknown): CallFailure => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new CallFailure('not-found', `${name} is no longer there (moved or deleted?). Nothing was opened.`);
  if (code === 'EACCES' || code === 'EPERM')
    return new CallFailure('failed', `${name} cannot be read: permission denied.`);
  if (code === 'EISDIR') return new CallFailure('invalid', `${name} is a folder, not a file.`);
  return new CallFailure('failed', `${name} cannot be read (${code ?? 'unknown error'}).`);
};

export function createFileService(options: {
  userDataDir: string;
  dialogs?: FileDialogs;
  now?: () => Date;
}): FileService {
  const now = options.now ?? (() => new Date());
  const recentPath = join(options.userDataDir, 'workspace', 'recent.json');
  let list: Promise<RecentFile[]> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const readRecent = (): Promise<RecentFile[]> =>
    (list ??= readJsonFile(recentPath, recentSchema, now).then((read) =>
      read.status === 'ok' ? read.value.files : [],
    ));

  const remember = (path: string): Promise<void> => {
    const run = queue.then(async () => {
      const next = [
        { path, name: basename(path), openedAt: now().toISOString() },
        ...(await readRecent()).filter((f) => f.path !== path),
      ].slice(0, MAX_RECENT);
      await writeFileAtomic(recentPath, JSON.stringify({ version: 1, files: next }, null, 2) + '\n');
      list = Promise.resolve(next);
    });
    queue = run.catch(() => undefined);
    return run;
  };

  /** A path the renderer names must be one a dialog gave before (it is on the recent list). */
  const known = async (path: string): Promise<boolean> => (await readRecent()).some((f) => f.path === path);

  const readText = async (path: string): Promise<string> => {
    const name = basename(path);
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new CallFailure('invalid', `${name} is a folder, not a file.`);
      if (info.size > MAX_OPEN_BYTES) throw new CallFailure('invalid', tooLargeMessage(name, info.size));
      const decoded = decodeTextFile(name, await readFile(path));
      if (!decoded.ok) throw new CallFailure('invalid', decoded.message);
      return decoded.text;
    } catch (error) {
      throw error instanceof CallFailure ? error : fileError(name, error);
    }
  };

  return {
    async open(path) {
      let chosen = path;
      if (chosen !== undefined && !(await known(chosen)))
        throw new CallFailure('invalid', 'That file was not opened through a dialog before; use Open.');
      if (chosen === undefined) {
        if (!options.dialogs) throw new CallFailure('failed', NO_DIALOGS);
        chosen = await options.dialogs.chooseOpen();
        if (chosen === undefined) return { cancelled: true };
      }
      const text = await readText(chosen);
      await remember(chosen);
      return { cancelled: false, path: chosen, name: basename(chosen), text };
    },
    async save({ text, path, suggestedName, saveAs }) {
      let target = saveAs ? undefined : path;
      if (target !== undefined && !(await known(target))) target = undefined;
      if (target === undefined) {
        if (!options.dialogs) throw new CallFailure('failed', NO_DIALOGS);
        target = await options.dialogs.chooseSave(suggestedName);
        if (target === undefined) return { cancelled: true };
      }
      try {
        await writeFileAtomic(target, text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CallFailure(
          'failed',
          `${basename(target)} could not be saved (${code ?? 'unknown error'}); your text is still in the tab.`,
        );
      }
      await remember(target);
      return { cancelled: false, path: target, name: basename(target) };
    },
    recent: () => readRecent(),
  };
}
