// Exported results are named for what they hold (source, target, time), never a run id.
import { describe, expect, it } from 'vitest';
import { resultsFileStem } from '../../../../../renderer/features/results/use-tab-results';
import type { SendReport } from '../../../../../electron/contract/channels';

const report = {
  runId: '0b6f7c9e-1d2a-4f0b-9c3e-5a6b7c8d9e0f',
  target: { profileId: 'p', profileName: 'Local sandbox', url: 'http://127.0.0.1:1', projectId: 'x', keyHint: '••••' },
  startedAt: '2026-01-05T10:11:12.345Z',
  finishedAt: '2026-01-05T10:11:13.000Z',
  cancelled: false,
  collections: [],
  requests: [],
  outcomes: [],
  attempts: [],
} satisfies SendReport;

describe('resultsFileStem', () => {
  it('names the source, the target and the time of the send', () => {
    expect(resultsFileStem('orders.json', report)).toBe('results_orders_Local-sandbox_2026-01-05T101112');
  });
  it('keeps only characters every file system takes', () => {
    expect(resultsFileStem('To fix: customers (imported)', report)).toBe(
      'results_To-fix-customers-imported_Local-sandbox_2026-01-05T101112',
    );
  });
  it('names the source alone for rows that were not sent from this tab', () => {
    expect(resultsFileStem('Sample batch', undefined)).toBe('results_Sample-batch');
  });
});
