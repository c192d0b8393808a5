// Binds every contract channel to the router over Electron IPC, with the sender check VS Code uses:
// only the main frame of our window, showing our app:// origin, may call.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNameList } from '../contract/channel-names';
import type { Router } from '../router/router';
import { isAppUrl } from './app-origin';

/** The parts of an invoke event the check reads (a fake in tests). */
export type InvokeEventLike = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function isTrustedIpcSender(event: InvokeEventLike, window: () => Pick<WebContents, 'id'> | undefined): boolean {
  const ours = window();
  const frame = event.senderFrame;
  if (!ours || !frame) return false;
  return event.sender.id === ours.id && frame.parent === null && isAppUrl(frame.url);
}

export function bindIpc(ipcMain: Pick<IpcMain, 'handle'>, router: Router<InvokeEventLike>): void {
  for (const channel of channelNameList) {
    ipcMain.handle(channel, (event, input: unknown) => router.call(channel, input, event));
  }
}
