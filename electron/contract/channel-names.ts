// The names of every IPC channel and pushed event as plain strings: all the preload needs, without zod.
// channels.ts checks at compile time that these lists match its tables exactly.

export const channelNameList = [
  'app:info',
  'sandbox:status',
  'sandbox:restart',
  'sandbox:reset',
  'profiles:list',
  'profiles:select',
  'profiles:create',
  'profiles:update',
  'profiles:duplicate',
  'profiles:delete',
  'profiles:set-key',
  'profiles:clear-key',
  'profiles:test',
  'profiles:storage',
  'profiles:accept-weak-storage',
  'send:start',
  'send:cancel',
  'schemas:list',
  'schemas:save',
  'schemas:delete',
  'schemas:set-folder',
  'schemas:set-enforce',
  'profiles:set-s3-secret',
  'profiles:clear-s3-secret',
  'schemas:choose-folder',
  'send:request-body',
  'workspace:load',
  'workspace:save',
  'files:open',
  'files:save',
  'files:recent',
  'runs:list',
  'runs:show',
  'runs:compare',
  'runs:delete',
  'runs:clear',
  'runs:export',
  'runs:resend-failures',
  'import:preview',
  'import:apply',
  'bulk:start',
  'bulk:cancel',
  'bulk:delete-uploads',
] as const;

export const eventNameList = ['send:progress', 'sandbox:status', 'menu:command', 'bulk:progress'] as const;

/** Electron IPC channel that carries a pushed event, kept apart from the invoke channels of the same name. */
export const eventIpcChannel = (name: string): string => `event:${name}`;
