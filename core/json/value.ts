// What a parsed JSON value is: the one test for "a JSON object", and a JSON.parse that never throws.

/** A JSON object (not null, not an array), as JSON.parse gives it. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON.parse that tells syntax errors apart from success; never throws. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
