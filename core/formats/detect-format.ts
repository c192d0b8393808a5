// Tells by content which kind of events file a text is: a batch, a JSON array, NDJSON or a Connect export.
import { isJsonObject, tryParseJson } from '../json/value';
import { withoutBom } from './format-problem';

export type EventFileFormat = 'batch' | 'json-array' | 'ndjson' | 'connect-export';

const EXPORT_START = /^\{\s*"results"\s*:/;
// Twice the API's event limit, so an event written with some spaces still counts as one line of NDJSON.
const MAX_EVENT_LINE = 2 * 65_536;

const isExport = (value: unknown): boolean => {
  if (!isJsonObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'results' && Array.isArray(value['results']);
};

const isBatch = (value: unknown): boolean => isJsonObject(value) && Object.values(value).every(Array.isArray);

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
  const more = /\S/g;
  more.lastIndex = Math.max(firstEnd, 0);
  const onlyLine = firstEnd < 0 || !more.test(body);
  // A line longer than any event may be (64 KiB) is a one-line batch: not worth a full parse to tell.
  if (onlyLine && firstLine.length > MAX_EVENT_LINE && !EXPORT_START.test(firstLine)) return 'batch';
  const first = tryParseJson(firstLine);
  if (first.ok) {
    // A complete object on the first line followed by more content cannot be one JSON document.
    if (!onlyLine) return 'ndjson';
    if (isExport(first.value)) return 'connect-export';
    return isBatch(first.value) ? 'batch' : 'ndjson';
  }
  if (EXPORT_START.test(body.slice(start, start + 100))) {
    const whole = tryParseJson(body);
    if (whole.ok && isExport(whole.value)) return 'connect-export';
  }
  return 'batch';
}
