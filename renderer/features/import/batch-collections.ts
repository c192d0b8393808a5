// The collections of a tab's batch, and that batch with imported events added to one of them.
import { batchText } from '../../../core/formats/batch-text';
import { isJsonObject, tryParseJson } from '../../../core/json/value';

type Batch = Record<string, unknown[]>;

const asBatch = (text: string): Batch | undefined => {
  if (text.trim() === '') return {};
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) return undefined;
  const entries = Object.entries(parsed.value);
  return entries.every(([, events]) => Array.isArray(events)) ? (Object.fromEntries(entries) as Batch) : undefined;
};

/** Collection names of the batch, or undefined when the text is not a batch (it cannot take an import). */
export const batchCollections = (text: string): string[] | undefined => {
  const batch = asBatch(text);
  return batch ? Object.keys(batch) : undefined;
};

/** The batch with `imported` (a one-collection batch text from main) appended to its collection. */
export function mergeImport(existingText: string, importedText: string): string | undefined {
  const batch = asBatch(existingText);
  const imported = asBatch(importedText);
  if (!batch || !imported) return undefined;
  for (const [name, events] of Object.entries(imported)) batch[name] = [...(batch[name] ?? []), ...events];
  return batchText(batch);
}
