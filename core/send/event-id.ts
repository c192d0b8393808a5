// The root `id` of an event when the API would accept it as one (spec §4: a non-empty string or a number).

export function eventId(event: unknown): string | number | undefined {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const id = (event as Record<string, unknown>)['id'];
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  return undefined;
}
