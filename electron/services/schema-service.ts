// The app's collection schemas: kept in the user-data folder (edited in the app) or read from a folder the
// user points at (a tracking plan in a repository). Sent to the renderer as text (schemas are not secrets),
// and enforced by the embedded sandbox when the user switches that on.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SchemaListOutput } from '../contract/channels';
import { compileSchema, type EventSchemaValidator } from '../../core/schemas/compile-schema';
import { parseSchemaText } from '../../core/schemas/schema-file';
import type { SandboxSchemas } from '../sandbox/schema-enforcement';
import { writeFileAtomic } from '../node/atomic-file';
import { createJsonStore } from '../node/json-store';
import { CallFailure } from '../contract/handlers';
import type { RunningSandbox, StartSandbox } from './sandbox-manager';
import { loadSchemaFolder, SchemaFolderError } from './schema-folder';
import { checkTypedFolder, schemaPathIn, UnsafeSchemaPath } from './schema-path';

/** Where the schemas are, each schema's text, unusable files with the reason, and the sandbox switch. */
export type SchemaList = SchemaListOutput;

export interface SchemaService {
  list(): Promise<SchemaList>;
  /** Checks the text (JSON, a schema the validator can use) and writes `<collection>.schema.json`. */
  save(collection: string, text: string): Promise<SchemaList>;
  remove(collection: string): Promise<SchemaList>;
  /** A folder of schema files to use instead of the app's own; null goes back to the app's. */
  setFolder(folder: string | null): Promise<SchemaList>;
  setEnforce(enforce: boolean): Promise<SchemaList>;
  /** The sandbox start port, wrapped so each sandbox it starts follows the enforce switch. */
  wrapStart(start: StartSandbox): StartSandbox;
}

const settingsSchema = z.object({
  version: z.literal(1),
  folder: z.string().optional(),
  enforce: z.boolean().default(false),
});
type SchemaSettings = z.infer<typeof settingsSchema>;

export const schemaSettingsPath = (userDataDir: string): string => join(userDataDir, 'schema-settings.json');
export const appSchemaFolder = (userDataDir: string): string => join(userDataDir, 'schemas');

/** Refusals of unsafe names and paths become answers the renderer shows. */
const safely = <T>(work: () => T): T => {
  try {
    return work();
  } catch (error) {
    if (error instanceof UnsafeSchemaPath) throw new CallFailure('invalid', error.message);
    throw error;
  }
};

export function createSchemaService(options: { readonly userDataDir: string }): SchemaService {
  const settingsStore = createJsonStore({
    path: schemaSettingsPath(options.userDataDir),
    schema: settingsSchema,
    initial: { version: 1, enforce: false },
    damaged: (keptAs) =>
      `The schema settings were damaged and kept aside as ${keptAs}; the app's own schemas are used.`,
  });
  const sandboxes = new Set<{ setSchemas?: (schemas: SandboxSchemas | undefined) => void }>();
  let checks: Readonly<Record<string, EventSchemaValidator>> = {};

  const readSettings = (): Promise<SchemaSettings> => settingsStore.read();
  const writeSettings = async (next: SchemaSettings): Promise<void> => {
    await settingsStore.update(() => next);
  };

  const applyToSandboxes = (enforce: boolean) => {
    for (const sandbox of sandboxes) sandbox.setSchemas?.(enforce ? checks : undefined);
  };

  const list = async (): Promise<SchemaList> => {
    const current = await readSettings();
    const source = current.folder === undefined ? 'app' : 'folder';
    const folder = current.folder ?? appSchemaFolder(options.userDataDir);
    if (source === 'app') await mkdir(folder, { recursive: true });
    let loaded;
    try {
      loaded = await loadSchemaFolder(folder);
    } catch (error) {
      if (!(error instanceof SchemaFolderError)) throw error;
      checks = {};
      applyToSandboxes(current.enforce);
      return {
        source,
        folder,
        schemas: [],
        problems: [{ path: folder, reason: error.message }],
        enforce: current.enforce,
      };
    }
    checks = loaded.checks;
    applyToSandboxes(current.enforce);
    const schemas = Object.keys(loaded.texts)
      .sort()
      .map((collection) => ({
        collection,
        text: loaded.texts[collection] as string,
        file: loaded.files[collection] as string,
      }));
    return { source, folder, schemas, problems: [...loaded.problems], enforce: current.enforce };
  };

  const folderNow = async (): Promise<string> => (await readSettings()).folder ?? appSchemaFolder(options.userDataDir);

  return {
    list,
    async save(collection, text) {
      const folder = await folderNow();
      const path = safely(() => schemaPathIn(folder, collection));
      const parsed = parseSchemaText(text);
      if (!parsed.ok) throw new CallFailure('invalid', `The schema of "${collection}" is ${parsed.reason}.`);
      const compiled = compileSchema(parsed.schema);
      if (!compiled.ok)
        throw new CallFailure('invalid', `The schema of "${collection}" cannot be used: ${compiled.reason}.`);
      await writeFileAtomic(path, text.endsWith('\n') ? text : `${text}\n`);
      return list();
    },
    async remove(collection) {
      const folder = await folderNow();
      await rm(
        safely(() => schemaPathIn(folder, collection)),
        { force: true },
      );
      return list();
    },
    async setFolder(folder) {
      const current = await readSettings();
      const next: SchemaSettings = { version: 1, enforce: current.enforce };
      // A typed path is taken only as a plain absolute folder; writes then stay inside it (schemaPathIn).
      if (folder !== null) next.folder = safely(() => checkTypedFolder(folder));
      await writeSettings(next);
      return list();
    },
    async setEnforce(enforce) {
      const current = await readSettings();
      await writeSettings({ ...current, enforce });
      return list();
    },
    wrapStart(start) {
      return async (startOptions) => {
        const running: RunningSandbox & { setSchemas?: (schemas: SandboxSchemas | undefined) => void } =
          await start(startOptions);
        sandboxes.add(running);
        const close = running.close.bind(running);
        // Each (re)started sandbox follows the switch; a closed one is forgotten. Unreadable schemas
        // must not keep the sandbox from starting: they are reported when the renderer lists them.
        await list().catch(() => undefined);
        return {
          url: running.url,
          projectId: running.projectId,
          keys: running.keys,
          eventCount: () => running.eventCount(),
          collections: () => running.collections(),
          storedEvents: (collection, queryText, limit) => running.storedEvents(collection, queryText, limit),
          reset: () => running.reset(),
          close: async () => {
            sandboxes.delete(running);
            await close();
          },
        };
      };
    },
  };
}
