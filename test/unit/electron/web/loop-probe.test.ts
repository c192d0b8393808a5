// The benchmark's loop probe: a task that holds the loop past 50 ms is written out with its length and,
// on Linux, how much of it the thread ran (a busy loop: nearly all of it).
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
    await expect
      .poll(() => lines.join(''), { timeout: 30_000 })
      .toMatch(/^loop-probe gap-ms=\d+\.\d(?: ran-ms=\d+\.\d waited-ms=\d+\.\d)? ended-at=\d+\n/);
    const gap = Number(/gap-ms=(\d+\.\d)/.exec(lines[0] ?? '')?.[1]);
    expect(gap).toBeGreaterThan(50);
    if (process.platform === 'linux') {
      const ran = Number(/ran-ms=(\d+\.\d)/.exec(lines[0] ?? '')?.[1]);
      const waited = Number(/waited-ms=(\d+\.\d)/.exec(lines[0] ?? '')?.[1]);
      // Busy the whole time: it ran the 120 ms, less what it waited for a core on a loaded machine.
      expect(ran + waited).toBeGreaterThan(100);
      expect(ran).toBeGreaterThan(0);
    }
  });
});
