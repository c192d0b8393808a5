// Tells by content which kind of events file a text is: a batch, a JSON array, NDJSON or a Connect export.
import { withoutBom } from './format-problem';

export type EventFileFormat = 'batch' | 'json-array' | 'ndjson' | 'connect-export';

const parses = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isExport = (value: unknown): boolean => {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'results' && Array.isArray(value['results']);
};

const isBatch = (value: unknown): boolean => isObject(value) && Object.values(value).every(Array.isArray);

/**
 * The format of the text, judged by its first lines (no full parse unless it may be an export).
 * `{"results": [...]}` is also a valid batch with one collection named `results`: it is reported as an
 * export, and the caller decides (the CLI reads it as an export only when given a collection).
 * Empty text is undefined; anything else unrecognisable is a 'batch', so the linter can say what is wrong.
 */
export function detectFormat(text: string): EventFileFormat | undefined {
  const body = withoutBom(text);
  const start = body.search(/\S/);
  if (start < 0) return undefined;
  if (body[start] === '[') return 'json-array';
  if (body[start] !== '{') return 'batch';
  const firstEnd = body.indexOf('\n', start);
  const firstLine = firstEnd < 0 ? body.slice(start) : body.slice(start, firstEnd);
  const first = parses(firstLine);
  if (first.ok) {
    // A complete object on the first line followed by more content cannot be one JSON document.
    if (firstEnd >= 0 && body.slice(firstEnd).trim() !== '') return 'ndjson';
    if (isExport(first.value)) return 'connect-export';
    return isBatch(first.value) ? 'batch' : 'ndjson';
  }
  if (/^\{\s*"results"\s*:/.test(body.slice(start))) {
    const whole = parses(body);
    if (whole.ok && isExport(whole.value)) return 'connect-export';
  }
  return 'batch';
}
