// Whether a send needs the production confirmation, and what the question shows: target, collections, events.
import type { Profile } from '../../../electron/contract/channels';

export interface CollectionCount {
  readonly name: string;
  readonly events: number;
}

export const needsProductionConfirmation = (profile: Profile): boolean =>
  profile.production && profile.confirmProduction;

/** Collections and their event counts, or undefined when the text is not a JSON object (the server will say why). */
export function batchCollections(text: string): CollectionCount[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.entries(value).map(([name, events]) => ({ name, events: Array.isArray(events) ? events.length : 0 }));
}
