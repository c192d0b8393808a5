// The benchmark's loop probe: a task that holds the loop past 50 ms is written out with its length.
import { describe, expect, it } from 'vitest';
import { startLoopProbe } from '../../../../electron/web/loop-probe';

describe('loop probe', () => {
  it('writes a line for a task that holds the event loop over 50 ms', async () => {
    const lines: string[] = [];
    startLoopProbe((line) => lines.push(line));
    // Let the probe's timer tick once, then hold the loop for 120 ms.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const until = performance.now() + 120;
    while (performance.now() < until) {
      /* holding the loop on purpose */
    }
    await expect.poll(() => lines.join(''), { timeout: 30_000 }).toMatch(/^loop-probe gap-ms=\d+\.\d ended-at=\d+\n/);
    const gap = Number(/gap-ms=(\d+\.\d)/.exec(lines[0] ?? '')?.[1]);
    expect(gap).toBeGreaterThan(50);
  });
});
