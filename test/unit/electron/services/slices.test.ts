// Long work in slices: a slice is due once its time has run, and a pause starts a new one after a turn.
import { describe, expect, it } from 'vitest';
import { createSlicer } from '../../../../electron/services/slices';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* work that takes this long */
  }
};

describe('slices', () => {
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
