// A side panel's width, dragged from its left edge or moved with the arrow keys (the Problems panel):
// long messages get room without a fixed 390 px column.
import { useCallback, useState, type KeyboardEvent, type PointerEvent } from 'react';

export interface PanelWidth {
  readonly width: number;
  readonly min: number;
  readonly max: number;
  onPointerDown(e: PointerEvent<HTMLElement>): void;
  onKeyDown(e: KeyboardEvent): void;
}

export function usePanelWidth(initial: number, min: number, maxFraction: number): PanelWidth {
  const [width, setWidth] = useState(initial);
  const max = Math.max(min, Math.round(window.innerWidth * maxFraction));
  const clamp = useCallback(
    (w: number) => Math.round(Math.min(Math.max(min, window.innerWidth * maxFraction), Math.max(min, w))),
    [min, maxFraction],
  );

  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      e.preventDefault();
      const target = e.currentTarget;
      const right = target.parentElement?.getBoundingClientRect().right ?? window.innerWidth;
      target.setPointerCapture(e.pointerId);
      const move = (ev: globalThis.PointerEvent) => setWidth(clamp(right - ev.clientX));
      const up = () => {
        target.removeEventListener('pointermove', move);
        target.removeEventListener('pointerup', up);
      };
      target.addEventListener('pointermove', move);
      target.addEventListener('pointerup', up);
    },
    [clamp],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      // The handle sits on the panel's left edge: left widens it.
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      e.preventDefault();
      setWidth((w) => clamp(w + (e.key === 'ArrowLeft' ? 40 : -40)));
    },
    [clamp],
  );

  return { width: clamp(width), min, max, onPointerDown, onKeyDown };
}
