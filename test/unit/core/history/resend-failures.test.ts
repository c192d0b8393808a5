// Resend failures: not-sent, unknown and retryable rejections resent as they were; rule rejections apart.
import { describe, expect, it } from 'vitest';
import { failureBatches } from '../../../../core/history/resend-failures';
import { runExportName } from '../../../../core/history/export-name';

describe('failureBatches', () => {
  it('sorts a run’s failures into a resend batch and a batch to fix, and names events without an id', () => {
    const batch = {
      views: [{ id: 'a' }, { id: 'b' }, { page: 1 }, { id: 'd', $bad: 1 }, { id: 'e' }],
      clicks: [{ id: 'c1' }],
    };
    const result = failureBatches(batch, [
      { collection: 'views', index: 0, outcome: 'accepted', id: 'a' },
      { collection: 'views', index: 1, outcome: 'unknown', id: 'b' },
      { collection: 'views', index: 2, outcome: 'not-sent' },
      { collection: 'views', index: 3, outcome: 'rejected', id: 'd', message: 'Property names cannot start with $.' },
      { collection: 'views', index: 4, outcome: 'rejected', id: 'e', retryable: true },
      { collection: 'clicks', index: 0, outcome: 'duplicate', id: 'c1' },
      // A line of a file that was no event has nothing to resend.
      { collection: 'views', index: 9, outcome: 'not-sent' },
    ]);
    expect(result.resend).toEqual({ views: [{ id: 'b' }, { page: 1 }, { id: 'e' }] });
    expect(result.resendCount).toBe(3);
    expect(result.ruleRejected).toEqual({ views: [{ id: 'd', $bad: 1 }] });
    expect(result.missingIds).toEqual([{ collection: 'views', index: 1, outcome: 'not-sent' }]);
  });
});

describe('runExportName', () => {
  it('says source, target and time, never the run id', () => {
    const run = {
      source: '/home/me/Checkout Events.ndjson',
      target: { name: 'Staging EU', url: 'https://x', projectId: 'p' },
      startedAt: '2026-12-01T21:50:43.120Z',
    };
    expect(runExportName(run, 'results.csv')).toBe('checkout-events-to-staging-eu-20261201-215043-results.csv');
    expect(runExportName({ ...run, target: { url: 'http://127.0.0.1:8787', projectId: 'p' } }, 'failed.json')).toBe(
      'checkout-events-to-127-0-0-1-8787-20261201-215043-failed.json',
    );
  });
});
