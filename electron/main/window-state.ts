// Remembers the window's size and position in <userData>/window.json, and never restores it off-screen.
import { join } from 'node:path';
import { z } from 'zod';
import { createJsonStore } from '../node/json-store';

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200),
  height: z.number().int().min(150),
});
const stateSchema = z.object({ version: z.literal(1), bounds: boundsSchema, maximized: z.boolean() });

export type WindowBounds = { x?: number; y?: number; width: number; height: number };
export type WindowState = { bounds: WindowBounds; maximized: boolean };
export interface DisplayArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_WINDOW: WindowState = { bounds: { width: 1280, height: 800 }, maximized: false };
export const windowStatePath = (userDataDir: string): string => join(userDataDir, 'window.json');

// At least this much of the title bar must be on a display, or the window would be out of reach.
const VISIBLE = 64;
const visibleOn = (b: { x: number; y: number; width: number }, area: DisplayArea): boolean =>
  b.x + b.width - VISIBLE >= area.x &&
  b.x + VISIBLE <= area.x + area.width &&
  b.y >= area.y &&
  b.y + VISIBLE <= area.y + area.height;

/** The saved state if it is well formed and reachable on one of these displays, else the default. */
export function restoreWindowState(saved: unknown, displays: readonly DisplayArea[]): WindowState {
  const parsed = stateSchema.safeParse(saved);
  if (!parsed.success) return DEFAULT_WINDOW;
  const { bounds, maximized } = parsed.data;
  if (!displays.some((area) => visibleOn(bounds, area)))
    return { bounds: { width: bounds.width, height: bounds.height }, maximized };
  return { bounds, maximized };
}

// The file through the app's one JSON store: a damaged file is kept aside and the default used.
const windowStore = (path: string) => createJsonStore({ path, schema: stateSchema.nullable(), initial: null });

export async function readWindowState(path: string, displays: readonly DisplayArea[]): Promise<WindowState> {
  try {
    return restoreWindowState(await windowStore(path).read(), displays);
  } catch {
    return DEFAULT_WINDOW;
  }
}

export async function writeWindowState(
  path: string,
  bounds: Required<WindowBounds>,
  maximized: boolean,
): Promise<void> {
  await windowStore(path).update(() => ({ version: 1 as const, bounds, maximized }));
}
