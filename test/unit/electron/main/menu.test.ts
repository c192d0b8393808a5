// The native menu: the usual shortcuts, renderer commands sent as events, DevTools only in development.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../../../electron/main/menu';
import type { MenuCommand } from '../../../../electron/contract/channels';

const flatten = (items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

const build = (packaged: boolean, isMac = false) => {
  const sent: MenuCommand[] = [];
  const items = flatten(menuTemplate({ isMac, packaged, command: (c) => sent.push(c) }));
  return { items, sent };
};

describe('menu template', () => {
  it('binds the usual shortcuts to renderer commands', () => {
    const { items, sent } = build(false);
    const byAccelerator = new Map(items.filter((i) => i.accelerator).map((i) => [i.accelerator, i]));
    for (const [accelerator, command] of [
      ['CmdOrCtrl+N', 'new'],
      ['CmdOrCtrl+O', 'open'],
      ['CmdOrCtrl+S', 'save'],
      ['CmdOrCtrl+Shift+S', 'save-as'],
      ['CmdOrCtrl+W', 'close'],
      ['CmdOrCtrl+Shift+H', 'history'],
      ['CmdOrCtrl+,', 'preferences'],
      ['CmdOrCtrl+Enter', 'send'],
      ['CmdOrCtrl+F', 'find'],
      ['Shift+Alt+F', 'format'],
    ] as const) {
      const item = byAccelerator.get(accelerator);
      expect(item, accelerator).toBeDefined();
      (item?.click as () => void)();
      expect(sent.at(-1)).toBe(command);
    }
  });

  it('has Import in the File menu, without a shortcut that DevTools already uses', () => {
    const { items, sent } = build(false);
    const imports = items.find((i) => i.label === '&Import…');
    expect(imports?.accelerator).toBeUndefined();
    (imports?.click as () => void)();
    expect(sent.at(-1)).toBe('import');
  });

  it('has zoom in, out and reset', () => {
    const roles = build(false).items.map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('offers DevTools only when not packaged', () => {
    expect(build(false).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(build(true).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build(true, true).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('has the app menu on macOS only', () => {
    expect(build(true, true).items[0]?.role).toBe('appMenu');
    expect(build(true, false).items.some((i) => i.role === 'appMenu')).toBe(false);
  });
});
