// The shapes of the kept workspace (open tabs and which is active), shared by the contract and the store.
import { z } from 'zod';

/** Tab ids name files in the workspace folder: a strict alphabet keeps them inside it. */
export const tabIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'A tab id uses letters, digits, - and _ only.');

export const tabMetaSchema = z.object({
  id: tabIdSchema,
  title: z.string().max(500),
  /** The file the tab was opened from or saved to, when there is one. */
  path: z.string().max(4096).optional(),
  /** Unsaved changes (the text differs from its file, or the tab was never saved). */
  dirty: z.boolean(),
});

/** A tab as the renderer sends it: text left out when it has not changed since the last save. */
export const tabSaveSchema = tabMetaSchema.extend({
  text: z
    .string()
    .max(256 * 1024 * 1024)
    .optional(),
});

export const workspaceSaveSchema = z.object({
  tabs: z.array(tabSaveSchema).max(500),
  activeId: tabIdSchema.optional(),
});

export const workspaceLoadSchema = z.object({
  tabs: z.array(tabMetaSchema.extend({ text: z.string() })),
  activeId: z.string().optional(),
  /** When the workspace was last kept; absent when there was none (a first start). */
  savedAt: z.string().optional(),
  /** Something could not be restored (a damaged file), said to the user. */
  problems: z.array(z.string()),
});

export type TabMeta = z.output<typeof tabMetaSchema>;
export type WorkspaceSave = z.output<typeof workspaceSaveSchema>;
export type WorkspaceLoad = z.output<typeof workspaceLoadSchema>;
