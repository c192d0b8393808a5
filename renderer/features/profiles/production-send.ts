// Whether a send needs the production confirmation, and what the question shows: target, collections, events.
import { isJsonObject, tryParseJson } from '../../../core/json/value';
import type { Profile } from '../../../electron/contract/channels';

export interface CollectionCount {
  readonly name: string;
  readonly events: number;
}

export const needsProductionConfirmation = (profile: Profile): boolean =>
  profile.production && profile.confirmProduction;

/** Collections and their event counts, or undefined when the text is not a JSON object (the server will say why). */
export function batchCollections(text: string): CollectionCount[] | undefined {
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) return undefined;
  return Object.entries(parsed.value).map(([name, events]) => ({
    name,
    events: Array.isArray(events) ? events.length : 0,
  }));
}
