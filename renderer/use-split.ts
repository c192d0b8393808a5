// The resizable split between editor and results: drag with the pointer or use the arrow keys.
import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

const clamp = (f: number) => Math.min(0.85, Math.max(0.15, f));

export function useSplit(initial: number) {
  const [fraction, setFraction] = useState(initial);
  const container = useRef<HTMLElement>(null);

  const onPointerDown = useCallback((e: PointerEvent<HTMLElement>) => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    e.preventDefault();
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => setFraction(clamp((ev.clientY - box.top) / box.height));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      setFraction((f) => clamp(f + (e.key === 'ArrowUp' ? -0.05 : 0.05)));
    }
  }, []);

  return { fraction, container, onPointerDown, onKeyDown };
}
