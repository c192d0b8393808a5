// "Infer schema": the collection at the cursor (found through the parser's source map), and a draft
// 2020-12 schema inferred from its events, as pretty text for review before it is saved.
import { parseBatch } from '../../../core/batch/parse';
import { inferSchema } from '../../../core/schemas/infer-schema';

export type InferredSchema =
  | { readonly ok: true; readonly collection: string; readonly events: number; readonly text: string }
  | { readonly ok: false; readonly reason: string };

export function inferAtCursor(text: string, offset: number): InferredSchema {
  const parsed = parseBatch(text);
  if (!parsed.ok)
    return { ok: false, reason: `The batch is not valid JSON (line ${parsed.error.line}): fix it first.` };
  const collections = [...parsed.map.collections.values()];
  const range =
    collections.find((c) => c.keyStart <= offset && offset <= c.valueEnd) ??
    (collections.length === 1 ? collections[0] : undefined);
  if (!range)
    return { ok: false, reason: 'Put the cursor inside a collection (its name or its events) to infer its schema.' };
  const events = (parsed.value as Record<string, unknown>)[range.name];
  if (!Array.isArray(events) || events.length === 0)
    return { ok: false, reason: `Collection \`${range.name}\` has no events to learn from.` };
  const schema = inferSchema(events, { title: range.name });
  return { ok: true, collection: range.name, events: events.length, text: `${JSON.stringify(schema, null, 2)}\n` };
}
