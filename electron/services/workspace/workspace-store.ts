// Keeps the open tabs in <userData>/workspace so a reload, crash or kill loses nothing typed: each tab's
// text in its own file, then an index naming the tabs, each written atomically, one save at a time.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../node/atomic-file';
import { readJsonFile } from '../../node/json-file';
import { CallFailure } from '../../contract/handlers';
import {
  tabIdSchema,
  tabMetaSchema,
  type TabMeta,
  type WorkspaceLoad,
  type WorkspaceSave,
} from '../../contract/workspace-schema';

const indexSchema = z.object({
  version: z.literal(1),
  savedAt: z.string(),
  activeId: tabIdSchema.optional(),
  tabs: z.array(tabMetaSchema),
});
type WorkspaceIndex = z.output<typeof indexSchema>;

export interface WorkspaceStore {
  load(): Promise<WorkspaceLoad>;
  save(workspace: WorkspaceSave): Promise<{ savedAt: string }>;
}

export interface WorkspaceStoreOptions {
  readonly userDataDir: string;
  readonly now?: () => Date;
}

export const workspaceDir = (userDataDir: string): string => join(userDataDir, 'workspace');

export function createWorkspaceStore(options: WorkspaceStoreOptions): WorkspaceStore {
  const now = options.now ?? (() => new Date());
  const dir = workspaceDir(options.userDataDir);
  const indexPath = join(dir, 'index.json');
  const textPath = (id: string) => join(dir, 'tabs', `${id}.txt`);
  // Saves run one after another: a later index never lands before the texts it names.
  let queue: Promise<unknown> = Promise.resolve();
  /** Tab ids whose text file exists on disk (from this process's saves or the last load). */
  const onDisk = new Set<string>();

  const readTab = async (meta: TabMeta, problems: string[]) => {
    try {
      const text = await readFile(textPath(meta.id), 'utf8');
      onDisk.add(meta.id);
      return { ...meta, text };
    } catch {
      problems.push(`The text of the tab “${meta.title}” could not be read back; that tab was not restored.`);
      return undefined;
    }
  };

  const load = async (): Promise<WorkspaceLoad> => {
    const problems: string[] = [];
    const read = await readJsonFile(indexPath, indexSchema, now);
    if (read.status === 'missing') return { tabs: [], problems };
    if (read.status === 'damaged') {
      problems.push(
        `The list of open tabs was damaged and has been kept aside as ${read.keptAs}; the tab texts are still in ${join(dir, 'tabs')}.`,
      );
      return { tabs: [], problems };
    }
    const tabs = [];
    for (const meta of read.value.tabs) {
      const tab = await readTab(meta, problems);
      if (tab) tabs.push(tab);
    }
    const activeId = tabs.some((t) => t.id === read.value.activeId) ? read.value.activeId : tabs[0]?.id;
    return { tabs, ...(activeId ? { activeId } : {}), savedAt: read.value.savedAt, problems };
  };

  const removeStale = async (keep: ReadonlySet<string>) => {
    let names: string[];
    try {
      names = await readdir(join(dir, 'tabs'));
    } catch {
      return;
    }
    for (const name of names) {
      const id = name.replace(/\.txt$/, '');
      if (!keep.has(id) && !name.endsWith('.tmp')) {
        await rm(join(dir, 'tabs', name), { force: true });
        onDisk.delete(id);
      }
    }
  };

  const write = async (workspace: WorkspaceSave): Promise<{ savedAt: string }> => {
    const missing = workspace.tabs.find((t) => t.text === undefined && !onDisk.has(t.id));
    if (missing) throw new CallFailure('invalid', `The tab “${missing.title}” has no kept text yet; send its text.`);
    for (const tab of workspace.tabs) {
      if (tab.text === undefined) continue;
      await writeFileAtomic(textPath(tab.id), tab.text);
      onDisk.add(tab.id);
    }
    const savedAt = now().toISOString();
    const index: WorkspaceIndex = {
      version: 1,
      savedAt,
      ...(workspace.activeId ? { activeId: workspace.activeId } : {}),
      tabs: workspace.tabs.map(({ id, title, path, dirty }) => ({
        id,
        title,
        dirty,
        ...(path !== undefined ? { path } : {}),
      })),
    };
    await writeFileAtomic(indexPath, JSON.stringify(index, null, 2) + '\n');
    // Only after the index stops naming them may the texts of closed tabs go.
    await removeStale(new Set(workspace.tabs.map((t) => t.id)));
    return { savedAt };
  };

  return {
    load: () => {
      const run = queue.then(load);
      queue = run.catch(() => undefined);
      return run;
    },
    save: (workspace) => {
      const run = queue.then(() => write(workspace));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
