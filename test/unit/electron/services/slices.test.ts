// Long work in slices: the same result as doing it in one go, with turns of the event loop in between.
import { describe, expect, it } from 'vitest';
import { createSlicer, mapInSlices } from '../../../../electron/services/slices';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* work that takes this long */
  }
};

describe('slices', () => {
  it('maps every item in order, like Array.map', async () => {
    const items = Array.from({ length: 5_000 }, (_, i) => i);
    await expect(mapInSlices(items, (i) => i * 2)).resolves.toEqual(items.map((i) => i * 2));
  });

  it('lets other work run while a long map goes on', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    try {
      // 2,048 items of 0.05 ms: about 100 ms of work, at least several slices of 10 ms.
      await mapInSlices(Array.from({ length: 2_048 }), () => busy(0.05));
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
});
