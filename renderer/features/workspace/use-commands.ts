// The app's commands from the native menu (`menu:command`) and the window's shortcuts, to one handler.
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../electron/contract/channels';
import type { Host } from '../../platform/host';

/** Ctrl/Cmd + key (with Shift where named) → command; Monaco keeps its own Ctrl+Enter inside the editor. */
function commandFor(e: KeyboardEvent): MenuCommand | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const key = e.key.toLowerCase();
  if (e.key === 'Enter')
    return e.target instanceof HTMLElement && e.target.closest('.monaco-editor') ? undefined : 'send';
  if (key === 's') return e.shiftKey ? 'save-as' : 'save';
  if (e.shiftKey) return undefined;
  if (key === 'n') return 'new';
  if (key === 'o') return 'open';
  if (key === 'w') return 'close';
  if (key === ',') return 'preferences';
  return undefined;
}

export function useCommands(host: Host, run: (command: MenuCommand) => void) {
  const current = useRef(run);
  current.current = run;
  useEffect(() => host.on('menu:command', (payload) => current.current(payload.command)), [host]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandFor(e);
      if (!command) return;
      e.preventDefault();
      current.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
