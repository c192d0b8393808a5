// Where a schema may be written or a schema folder may point: `<collection>.schema.json` directly inside the
// chosen folder, with a name every system accepts, and folders given as plain absolute paths (no `..`).
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { schemaFileName } from '../../core/schemas/schema-file';

/** Why a collection cannot be a schema file name, or undefined when it can. */
export function unsafeCollectionReason(collection: string): string | undefined {
  if (collection === '' || collection.length > 200) return 'its name must be 1 to 200 characters';
  // eslint-disable-next-line no-control-regex -- control characters cannot be in a file name
  if (/[\u0000-\u001f\u007f]/.test(collection)) return 'its name holds control characters';
  if (/[/\\:*?"<>|]/.test(collection)) return 'its name cannot be a file name (no / \\ : * ? " < > |)';
  if (collection === '.' || collection === '..' || collection.includes('..')) return 'its name cannot contain ..';
  if (collection.startsWith('$')) return 'names starting with $ are reserved';
  // Windows refuses these whatever the extension; a trailing dot or space is silently dropped there.
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i.test(collection))
    return `"${collection}" is a reserved device name on Windows`;
  if (/[. ]$/.test(collection)) return 'its name cannot end with a dot or a space';
  return undefined;
}

/** The schema file of a collection inside `folder`; throws with the reason when it would not be a safe name. */
export function schemaPathIn(folder: string, collection: string): string {
  const reason = unsafeCollectionReason(collection);
  if (reason)
    throw new UnsafeSchemaPath(`A schema cannot be saved for collection "${collection.slice(0, 60)}": ${reason}.`);
  const path = join(folder, schemaFileName(collection));
  const inside = relative(folder, path);
  // Belt and braces: whatever the name, the file sits directly in the folder.
  if (inside === '' || inside.startsWith('..') || inside.includes(sep) || isAbsolute(inside)) {
    throw new UnsafeSchemaPath(
      `A schema cannot be saved for collection "${collection.slice(0, 60)}": it would land outside the schema folder.`,
    );
  }
  return path;
}

/** A typed schema folder: absolute, already normalised (no `.` or `..` segments), one line. */
export function checkTypedFolder(folder: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a path
  if (/[\u0000-\u001f\u007f]/.test(folder))
    throw new UnsafeSchemaPath('The schema folder path holds control characters.');
  if (!isAbsolute(folder))
    throw new UnsafeSchemaPath(`The schema folder must be an absolute path (got "${folder.slice(0, 100)}").`);
  const segments = folder.split(/[/\\]+/);
  if (segments.includes('..') || segments.includes('.'))
    throw new UnsafeSchemaPath('The schema folder path must not contain . or .. segments: write the folder itself.');
  return normalize(folder).replace(/[/\\]+$/, '') || folder;
}

export class UnsafeSchemaPath extends Error {}
