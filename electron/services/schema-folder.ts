// A folder of `<collection>.schema.json` files → compiled checks per collection. A broken file is reported
// with its path and the reason, and the other schemas keep working.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compileSchema, type EventSchemaValidator } from '../../core/schemas/compile-schema';
import { collectionOfSchemaFile, parseSchemaText } from '../../core/schemas/schema-file';

export interface SchemaFileProblem {
  /** The file, as an absolute path. */
  readonly path: string;
  readonly reason: string;
}

export interface LoadedSchemas {
  readonly folder: string;
  /** Per collection, the schema as JSON (what the renderer's lint worker is sent). */
  readonly schemas: Readonly<Record<string, unknown>>;
  /** Per collection, the schema's text as written (what the app's schema editor shows). */
  readonly texts: Readonly<Record<string, string>>;
  /** Per collection, the file it came from. */
  readonly files: Readonly<Record<string, string>>;
  /** Per collection, the compiled check (what `lintBatch` and the sandbox take). */
  readonly checks: Readonly<Record<string, EventSchemaValidator>>;
  readonly problems: readonly SchemaFileProblem[];
}

/** Thrown when the folder itself cannot be read: nothing can be checked then. */
export class SchemaFolderError extends Error {}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such folder',
  ENOTDIR: 'it is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** Loads and compiles every `<collection>.schema.json` of a folder (other files are ignored); `shownAs` names it in errors. */
export async function loadSchemaFolder(folder: string, shownAs = folder): Promise<LoadedSchemas> {
  const absolute = resolve(folder);
  let names: string[];
  try {
    names = (await readdir(absolute, { withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new SchemaFolderError(
      `cannot read the schema folder '${shownAs}': ${READ_ERRORS[code] ?? (error instanceof Error ? error.message : String(error))}.`,
    );
  }
  const schemas: Record<string, unknown> = {};
  const files: Record<string, string> = {};
  const texts: Record<string, string> = {};
  const checks: Record<string, EventSchemaValidator> = {};
  const problems: SchemaFileProblem[] = [];
  for (const name of names) {
    const collection = collectionOfSchemaFile(name);
    if (collection === undefined) continue;
    const path = join(absolute, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      problems.push({ path, reason: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    const parsed = parseSchemaText(text);
    if (!parsed.ok) {
      problems.push({ path, reason: parsed.reason });
      continue;
    }
    const compiled = compileSchema(parsed.schema);
    if (!compiled.ok) {
      problems.push({ path, reason: compiled.reason });
      continue;
    }
    schemas[collection] = parsed.schema;
    files[collection] = path;
    texts[collection] = text;
    checks[collection] = compiled.check;
  }
  return { folder: absolute, schemas, texts, files, checks, problems };
}

/** One line per broken file, for a terminal or a log. */
export const schemaProblemLines = (problems: readonly SchemaFileProblem[]): string[] =>
  problems.map((p) => `schema ${p.path}: ${p.reason}; its collection is not checked.`);
