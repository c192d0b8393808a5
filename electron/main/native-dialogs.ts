// Electron's message box and folder picker as the services' NativeDialogs port: the person answers main
// directly, so a message from the renderer can never stand in for their consent or their choice of folder.
import type { BrowserWindow, Dialog } from 'electron';
import type { NativeDialogs } from '../services/native-dialogs';

export type DialogLike = Pick<Dialog, 'showMessageBox' | 'showOpenDialog'>;

const ACCEPT = 1;

export function createNativeDialogs(dialog: DialogLike, window: () => BrowserWindow | undefined): NativeDialogs {
  return {
    async confirmWeakKeyStorage(warning) {
      const options = {
        type: 'warning' as const,
        title: 'Keep API keys without a keychain?',
        message: 'Keep API keys without a keychain?',
        detail: warning,
        buttons: ['Cancel', 'Keep keys in a private file'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      };
      const parent = window();
      const answer = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return answer.response === ACCEPT;
    },
    async chooseFolder(title, current) {
      const options = { title, properties: ['openDirectory' as const], ...(current ? { defaultPath: current } : {}) };
      const parent = window();
      const answer = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? undefined : answer.filePaths[0];
    },
  };
}
