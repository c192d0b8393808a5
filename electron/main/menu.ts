// The native menu: commands the renderer carries out are sent to it as `menu:command` events; zoom,
// editing and DevTools (development builds only) are Electron's own roles.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract/channels';

export interface MenuOptions {
  readonly isMac: boolean;
  /** Packaged builds have no DevTools entry. */
  readonly packaged: boolean;
  readonly command: (command: MenuCommand) => void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const item = (label: string, accelerator: string | undefined, command: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => options.command(command),
  });

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      item('&New Batch', 'CmdOrCtrl+N', 'new'),
      item('&Open…', 'CmdOrCtrl+O', 'open'),
      item('&Save', 'CmdOrCtrl+S', 'save'),
      item('Save &As…', 'CmdOrCtrl+Shift+S', 'save-as'),
      // Ctrl+Shift+I is DevTools, Ctrl+H the editor's Replace: these two go without a shortcut of their own.
      item('&Import…', undefined, 'import'),
      item('&Close Tab', 'CmdOrCtrl+W', 'close'),
      { type: 'separator' },
      item('&History', 'CmdOrCtrl+Shift+H', 'history'),
      item('&Preferences…', 'CmdOrCtrl+,', 'preferences'),
      { type: 'separator' },
      item('Sen&d', 'CmdOrCtrl+Enter', 'send'),
      ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      item('&Find', 'CmdOrCtrl+F', 'find'),
      item('F&ormat Document', 'Shift+Alt+F', 'format'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'resetZoom' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.packaged ? [] : [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const]),
    ],
  };
  const window: MenuItemConstructorOptions = { role: 'windowMenu' };
  return [...(options.isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, window];
}
