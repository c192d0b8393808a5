// The native open and save dialogs behind the file service's port, attached to the app's window.
import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../services/workspace/file-service';

const filters = [
  { name: 'Batches', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

export function createFileDialogs(dialog: Dialog, window: () => BrowserWindow | undefined): FileDialogs {
  return {
    async chooseOpen() {
      const options = { properties: ['openFile' as const], filters };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseSave(suggestedName) {
      const options = { defaultPath: suggestedName, filters };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
  };
}
