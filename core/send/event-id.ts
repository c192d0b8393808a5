// The root `id` of an event when the API would accept it as one (spec §4: a non-empty string or a number).
import { isJsonObject } from '../json/value';

/** True for a value the API accepts as an event's `id`. */
export const isEventId = (id: unknown): id is string | number =>
  (typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id));

export function eventId(event: unknown): string | number | undefined {
  if (!isJsonObject(event)) return undefined;
  const id = event['id'];
  return isEventId(id) ? id : undefined;
}
