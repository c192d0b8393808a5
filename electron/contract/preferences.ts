// What a person sets in the Preferences dialog: how much run history is kept, and from how many events on
// the app suggests the bulk import. Defaults and bounds live here once, for main, the CLI and the renderer
// (without zod: the CLI reads them on its fast path; preferences-schema.ts validates the channel).
export interface Preferences {
  /** Runs kept in history; the oldest go first. */
  readonly historyMaxRuns: number;
  /** Disk space all runs may take together, in MiB. */
  readonly historyMaxMegabytes: number;
  /** From this many events on, the app suggests sending by bulk import. */
  readonly bulkImportThreshold: number;
}

export type PreferenceName = keyof Preferences;

export const PREFERENCE_DEFAULTS: Preferences = {
  historyMaxRuns: 200,
  historyMaxMegabytes: 1024,
  bulkImportThreshold: 50_000,
};

/** The smallest and largest value each preference takes (whole numbers). */
export const PREFERENCE_BOUNDS: Readonly<Record<PreferenceName, readonly [number, number]>> = {
  historyMaxRuns: [1, 100_000],
  historyMaxMegabytes: [1, 1_048_576],
  bulkImportThreshold: [1, 1_000_000_000],
};

/** A stored value when it is within bounds, else the default (a hand-edited file cannot break the app). */
export function preferenceOr(name: PreferenceName, value: unknown): number {
  const [min, max] = PREFERENCE_BOUNDS[name];
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : PREFERENCE_DEFAULTS[name];
}

/** The preferences a settings file holds (its `preferences` object, if any), defaults for the rest. */
export function preferencesFrom(stored: unknown): Preferences {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    historyMaxRuns: preferenceOr('historyMaxRuns', record['historyMaxRuns']),
    historyMaxMegabytes: preferenceOr('historyMaxMegabytes', record['historyMaxMegabytes']),
    bulkImportThreshold: preferenceOr('bulkImportThreshold', record['bulkImportThreshold']),
  };
}

/** What the history store is held to. */
export const historyLimitsOf = (preferences: Preferences) => ({
  maxRuns: preferences.historyMaxRuns,
  maxBytes: preferences.historyMaxMegabytes * 1024 * 1024,
});
