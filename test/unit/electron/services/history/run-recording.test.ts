// Recording a send: a key a server echoes never reaches the journal, not even before the send ends, and a
// history that cannot be written is said without failing the send.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHistoryStore } from '../../../../../electron/services/history/history-store';
import { startRecording } from '../../../../../electron/services/history/run-recording';

const KEY = 'sk-live-echoed-back-9f8e7d';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bs-recording-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const start = {
  startedAt: '2026-12-01T10:00:00.000Z',
  target: { url: 'http://127.0.0.1:1', projectId: 'p' },
  source: 'tab',
  batchText: '{"a":[{}]}',
  collections: [{ name: 'a', events: 1 }],
};

describe('startRecording', () => {
  it('masks the key in outcomes and requests, in the journal as the send goes and at the end', async () => {
    const store = createHistoryStore({ dir, newRunId: () => 'run-1' });
    const recording = await startRecording(store, start, () => undefined, KEY);
    const outcome = { collection: 'a', index: 0, outcome: 'rejected' as const, message: `bad key ${KEY}` };
    const request = {
      request: 1,
      eventCount: 1,
      attempts: 1,
      status: 200,
      responseText: `{"echo":"${KEY}"}`,
      error: KEY,
    };
    recording.onDelivery([outcome], request);
    const during = await readFile(join(dir, 'run-1', 'journal.ndjson'), 'utf8');
    expect(during).not.toContain(KEY);
    expect(during).toContain('bad key ••••');
    await recording.finish({
      finishedAt: '2026-12-01T10:00:01.000Z',
      cancelled: false,
      outcomes: [outcome],
      requests: [request],
    });
    for (const name of ['journal.ndjson', 'run.json'])
      expect(await readFile(join(dir, 'run-1', name), 'utf8')).not.toContain(KEY);
  });

  it('says when history cannot be written and still hands out a working delivery hook', async () => {
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, 'not a folder');
    const problems: string[] = [];
    const recording = await startRecording(createHistoryStore({ dir: blocked, newRunId: () => 'r' }), start, (m) =>
      problems.push(m),
    );
    expect(recording.id).toBeUndefined();
    expect(problems[0]).toMatch(/^The run is not recorded in history/);
    recording.onDelivery([{ collection: 'a', index: 0, outcome: 'accepted' }]);
    expect(
      await recording.finish({ finishedAt: '2026-12-01T10:00:01.000Z', cancelled: false, outcomes: [], requests: [] }),
    ).toBeUndefined();
  });
});
