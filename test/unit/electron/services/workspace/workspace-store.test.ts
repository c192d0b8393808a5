// The kept workspace: tabs come back as they were saved, closed tabs' texts go, damage is said, not thrown.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspaceStore, workspaceDir } from '../../../../../electron/services/workspace/workspace-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'workspace-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const big = `{\n  "events": [\n${Array.from({ length: 20_000 }, (_, i) => `    { "id": "e-${i}", "n": ${i} }`).join(',\n')}\n  ]\n}\n`;

describe('workspace store', () => {
  it('has nothing to restore on a first start', async () => {
    expect(await createWorkspaceStore({ userDataDir: dir }).load()).toEqual({ tabs: [], problems: [] });
  });

  it('restores every tab (text, name, path, dirty state) and the active one in a new process', async () => {
    const first = createWorkspaceStore({ userDataDir: dir, now: () => new Date('2026-01-01T00:00:00Z') });
    await first.save({
      activeId: 'b',
      tabs: [
        { id: 'a', title: 'orders.json', path: '/tmp/orders.json', dirty: false, text: '{"orders": []}' },
        { id: 'b', title: 'Untitled 1', dirty: true, text: big },
      ],
    });
    const restored = await createWorkspaceStore({ userDataDir: dir }).load();
    expect(restored).toEqual({
      activeId: 'b',
      savedAt: '2026-01-01T00:00:00.000Z',
      problems: [],
      tabs: [
        { id: 'a', title: 'orders.json', path: '/tmp/orders.json', dirty: false, text: '{"orders": []}' },
        { id: 'b', title: 'Untitled 1', dirty: true, text: big },
      ],
    });
  });

  it('keeps a tab’s earlier text when a save leaves it out, and removes the texts of closed tabs', async () => {
    const store = createWorkspaceStore({ userDataDir: dir });
    await store.save({
      tabs: [
        { id: 'a', title: 'A', dirty: true, text: 'one' },
        { id: 'b', title: 'B', dirty: true, text: 'two' },
      ],
    });
    await store.save({ activeId: 'a', tabs: [{ id: 'a', title: 'A renamed', dirty: false }] });
    const restored = await createWorkspaceStore({ userDataDir: dir }).load();
    expect(restored.tabs).toEqual([{ id: 'a', title: 'A renamed', dirty: false, text: 'one' }]);
    expect(readdirSync(join(workspaceDir(dir), 'tabs'))).toEqual(['a.txt']);
  });

  it('refuses a save that leaves out the text of a tab it never kept', async () => {
    const store = createWorkspaceStore({ userDataDir: dir });
    await expect(store.save({ tabs: [{ id: 'x', title: 'X', dirty: true }] })).rejects.toThrow(/no kept text/);
  });

  it('says so when the tab list is damaged, keeping it aside', async () => {
    const store = createWorkspaceStore({ userDataDir: dir, now: () => new Date(5) });
    await store.save({ tabs: [{ id: 'a', title: 'A', dirty: true, text: 'one' }] });
    writeFileSync(join(workspaceDir(dir), 'index.json'), '{"version": 1, "tabs": [');
    const restored = await createWorkspaceStore({ userDataDir: dir, now: () => new Date(5) }).load();
    expect(restored.tabs).toEqual([]);
    expect(restored.problems[0]).toMatch(/damaged and has been kept aside as .*index\.json\.damaged-5/);
  });

  it('restores the other tabs when one tab’s text is gone', async () => {
    const store = createWorkspaceStore({ userDataDir: dir });
    await store.save({
      activeId: 'b',
      tabs: [
        { id: 'a', title: 'A', dirty: true, text: 'one' },
        { id: 'b', title: 'B', dirty: true, text: 'two' },
      ],
    });
    rmSync(join(workspaceDir(dir), 'tabs', 'b.txt'));
    const restored = await createWorkspaceStore({ userDataDir: dir }).load();
    expect(restored.tabs.map((t) => t.id)).toEqual(['a']);
    expect(restored.activeId).toBe('a');
    expect(restored.problems).toEqual(['The text of the tab “B” could not be read back; that tab was not restored.']);
  });
});
