// Schema files: `<collection>.schema.json` names its collection; its text parses to a schema or a reason.
import { isJsonObject } from '../json/value';

export const SCHEMA_FILE_SUFFIX = '.schema.json';

/** The collection a schema file is for (`purchases.schema.json` → `purchases`), or undefined for other files. */
export function collectionOfSchemaFile(fileName: string): string | undefined {
  if (!fileName.endsWith(SCHEMA_FILE_SUFFIX)) return undefined;
  const collection = fileName.slice(0, -SCHEMA_FILE_SUFFIX.length);
  return collection === '' ? undefined : collection;
}

/** The file name holding a collection's schema. */
export const schemaFileName = (collection: string): string => `${collection}${SCHEMA_FILE_SUFFIX}`;

export type SchemaText =
  { readonly ok: true; readonly schema: unknown } | { readonly ok: false; readonly reason: string };

/** Parses a schema file's text; the reason says what is wrong, for a person. */
export function parseSchemaText(text: string): SchemaText {
  try {
    const schema: unknown = JSON.parse(text);
    if (typeof schema !== 'boolean' && !isJsonObject(schema)) {
      return { ok: false, reason: 'a schema must be a JSON object (or true/false)' };
    }
    return { ok: true, schema };
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
