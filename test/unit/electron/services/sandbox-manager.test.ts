// The embedded sandbox's manager with the real sandbox: a start that fails is a visible status, not a
// crash; a damaged identity file is kept aside; status events follow every change.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../../../electron/sandbox/server';
import {
  createSandboxManager,
  sandboxDataDir,
  sandboxIdentityPath,
  type SandboxManager,
} from '../../../../electron/services/sandbox-manager';
import type { SandboxStatus } from '../../../../electron/contract/channels';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function managed(
  prepare?: (dir: string) => Promise<void>,
): Promise<{ manager: SandboxManager; statuses: SandboxStatus[]; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'bs-sandbox-manager-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  await prepare?.(dir);
  const statuses: SandboxStatus[] = [];
  const manager = createSandboxManager({ userDataDir: dir, start: startSandbox, emit: (s) => statuses.push(s) });
  cleanup.push(() => manager.close());
  return { manager, statuses, dir };
}

describe('sandbox manager', () => {
  it('reports starting then running, and hands out a target with the push key', async () => {
    const { manager, statuses, dir } = await managed();
    const status = await manager.start();
    expect(status.state).toBe('running');
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'running']);
    const identity = JSON.parse(await readFile(sandboxIdentityPath(dir), 'utf8')) as {
      projectId: string;
      keys: { push: string };
    };
    expect(manager.target()).toEqual({ url: status.url, projectId: identity.projectId, pushKey: identity.keys.push });
    expect(manager.secrets()).toContain(identity.keys.push);
  });

  it('shows a start failure as an error status with a message, and recovers on restart', async () => {
    // A file where the data folder should be: the real sandbox cannot open its storage.
    const { manager, dir } = await managed((d) => writeFile(sandboxDataDir(d), 'not a folder'));
    const failed = await manager.start();
    expect(failed.state).toBe('error');
    expect(failed.message).toMatch(/could not start/);
    expect(manager.target()).toBeUndefined();
    await rm(sandboxDataDir(dir));
    const restarted = await manager.restart();
    expect(restarted.state).toBe('running');
    expect(restarted.message).toBeUndefined();
  });

  it('keeps a damaged identity file aside and says so', async () => {
    const { manager, dir } = await managed((d) => writeFile(sandboxIdentityPath(d), '{"version": 1, "projectId": '));
    const status = await manager.start();
    expect(status.state).toBe('running');
    expect(status.message).toMatch(/kept aside/);
    const names = await readdir(dir);
    expect(names.some((n) => n.startsWith('sandbox.json.damaged-'))).toBe(true);
  });
});
