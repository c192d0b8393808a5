// Gives events without a usable `id` one (a UUID v4, from the ids port), so a resend of the same events
// comes back as duplicates instead of being counted twice (spec §5).
import { isJsonObject } from '../json/value';
import { eventId } from '../send/event-id';

export interface IdsAdded {
  readonly events: unknown[];
  readonly added: number;
}

/** New objects for events that get an id (placed first, where people look for it); others as they are. */
export function addMissingIds(events: readonly unknown[], newId: () => string): IdsAdded {
  let added = 0;
  const out = events.map((event) => {
    if (!isJsonObject(event) || eventId(event) !== undefined) return event;
    added++;
    const { id: _invalid, ...rest } = event;
    void _invalid;
    return { id: newId(), ...rest };
  });
  return { events: out, added };
}
