// The Preferences channels' input and output: whole numbers within the bounds preferences.ts names.
import { z } from 'zod';
import { PREFERENCE_BOUNDS, type PreferenceName } from './preferences';

const bounded = (name: PreferenceName) => {
  const [min, max] = PREFERENCE_BOUNDS[name];
  return z.number().int().min(min).max(max);
};

export const preferencesSchema = z.object({
  historyMaxRuns: bounded('historyMaxRuns'),
  historyMaxMegabytes: bounded('historyMaxMegabytes'),
  bulkImportThreshold: bounded('bulkImportThreshold'),
});

export const preferencesPatchSchema = preferencesSchema.partial();
