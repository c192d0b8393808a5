// The whole-batch rules of spec §3 that the sandbox, the linter and the chunk plan share, and a fast
// verdict "would the API accept every part of this batch?" that skips positions when nothing is wrong.
import type { LintOptions } from './diagnostic';
import { isJsonObject } from '../json/value';
import { eventIsClean } from './event-rules';

/** Events one request may carry (spec §3). */
export const MAX_BATCH_EVENTS = 5_000;

/** Why a collection name is refused (spec §3), or undefined when it is valid. */
export function collectionNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.startsWith('$')) return 'starts with $';
  if (name.length > 255) return `is ${name.length.toLocaleString('en-US')} characters long (at most 255)`;
  return undefined;
}

export const isValidCollectionName = (name: string): boolean => collectionNameProblem(name) === undefined;

/**
 * The batch of `text` when it has no lint error at all (same verdict as `lintBatch`'s error diagnostics,
 * spec §3/§4 and schemas), found with the native `JSON.parse` and value-level checks only; undefined when
 * there may be an error, in which case the caller runs `lintBatch` to place it. Senders use it to skip the
 * positional scan on the common, clean path.
 */
export function cleanBatchOf(text: string, options: LintOptions = {}): Record<string, unknown[]> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(value)) return undefined;
  for (const [name, events] of Object.entries(value)) {
    if (!isValidCollectionName(name) || !Array.isArray(events)) return undefined;
    const schema = options.schemas && Object.hasOwn(options.schemas, name) ? options.schemas[name] : undefined;
    for (const event of events) {
      if (!eventIsClean(event)) return undefined;
      if (schema && schema(event).length > 0) return undefined;
    }
  }
  return value as Record<string, unknown[]>;
}
