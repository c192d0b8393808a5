// The order of a JSON object's keys as written. JSON.parse moves keys that look like array indexes ("0",
// "42") to the front, but spec §3 checks collections in document order, so that order is read from the text.
import { parseBatch } from '../../core/batch/parse';

const isArrayIndex = (key: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;

/** True when JSON.parse may have reordered these keys. */
export const mayBeReordered = (keys: readonly string[]): boolean => keys.some(isArrayIndex);

/**
 * Top-level keys of a JSON object text in the order written, each once at its first place (as JSON.parse
 * keeps a repeated key). Read by the one strict scanner, which keeps that order; undefined if the text is
 * not a JSON object. Only asked when mayBeReordered, so the second scan is rare.
 */
export function topLevelKeyOrder(text: string): string[] | undefined {
  const parsed = parseBatch(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value))
    return undefined;
  return [...parsed.map.collections.keys()];
}
