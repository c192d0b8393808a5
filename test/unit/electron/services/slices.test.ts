// Long work in slices: the same result as in one go, a slice due once its time has run, a turn at each pause.
import { describe, expect, it } from 'vitest';
import { createSlicer, mapInSlices } from '../../../../electron/services/slices';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* work that takes this long */
  }
};

describe('slices', () => {
  it('maps every item in order, like Array.map, letting other work run between slices', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const items = Array.from({ length: 200 }, (_, i) => i);
    try {
      // 200 items of 0.5 ms: about 100 ms of work, several slices of 10 ms.
      expect(await mapInSlices(items, (i) => (busy(0.5), i * 2))).toEqual(items.map((i) => i * 2));
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(0);
  });

  it('is due once its time has run, and starts a new slice after the pause', async () => {
    const slicer = createSlicer(200);
    expect(slicer.due()).toBe(false);
    busy(210);
    expect(slicer.due()).toBe(true);
    await slicer.pause();
    expect(slicer.due()).toBe(false);
  });

  it('lets other work run at a pause that is due', async () => {
    let ran = false;
    setImmediate(() => (ran = true));
    const slicer = createSlicer(1);
    busy(2);
    await slicer.pause();
    expect(ran).toBe(true);
  });
});
