// Reads the app's small JSON files (profiles, keys, settings, sandbox identity) the one careful way: parsed
// and validated, and a damaged file is kept aside under a new name, never silently replaced.
import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';

export type JsonFileRead<T> =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'damaged'; readonly keptAs: string };

export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  now: () => Date = () => new Date(),
): Promise<JsonFileRead<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { status: 'ok', value: parsed.data };
  const keptAs = `${path}.damaged-${now().getTime()}`;
  await rename(path, keptAs);
  return { status: 'damaged', keptAs };
}
