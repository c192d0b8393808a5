// The collection schemas as the renderer sees them: loaded from main, parsed for the lint worker and the
// editor's completion, and changed through the contract (save, delete, folder, sandbox switch).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SchemaListOutput } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';

export interface SchemasState {
  readonly list: SchemaListOutput | undefined;
  /** Per collection, the schema as JSON: what the lint worker compiles and the editor's completion reads. */
  readonly schemas: Readonly<Record<string, unknown>>;
  readonly error: string | undefined;
  readonly busy: boolean;
  reload(): Promise<void>;
  /** Resolves true once saved; on refusal the reason is in `error`. */
  save(collection: string, text: string): Promise<boolean>;
  remove(collection: string): Promise<void>;
  setFolder(folder: string | null): Promise<void>;
  /** The desktop app picks the folder in main's own dialog; the browser host takes a typed path. */
  readonly choosesFolderInMain: boolean;
  chooseFolder(): Promise<void>;
  setEnforce(enforce: boolean): Promise<void>;
}

const EMPTY: Readonly<Record<string, unknown>> = {};

/** Parses each schema's text; main has already refused the ones that are not JSON. */
export function parseSchemaList(list: SchemaListOutput | undefined): Readonly<Record<string, unknown>> {
  if (!list || list.schemas.length === 0) return EMPTY;
  const parsed: Record<string, unknown> = {};
  for (const { collection, text } of list.schemas) {
    try {
      parsed[collection] = JSON.parse(text);
    } catch {
      // Listed as a problem by main already.
    }
  }
  return parsed;
}

export function useSchemas(host: Host): SchemasState {
  const [list, setList] = useState<SchemaListOutput | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (work: () => Promise<SchemaListOutput>): Promise<boolean> => {
    setBusy(true);
    try {
      setList(await work());
      setError(undefined);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const reload = useCallback(async () => {
    await run(() => host.invoke('schemas:list', {}));
  }, [host, run]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const schemas = useMemo(() => parseSchemaList(list), [list]);
  return {
    list,
    schemas,
    error,
    busy,
    reload,
    save: (collection, text) => run(() => host.invoke('schemas:save', { collection, text })),
    remove: async (collection) => {
      await run(() => host.invoke('schemas:delete', { collection }));
    },
    setFolder: async (folder) => {
      await run(() => host.invoke('schemas:set-folder', { folder }));
    },
    choosesFolderInMain: host.kind === 'electron',
    chooseFolder: async () => {
      await run(() => host.invoke('schemas:choose-folder', {}));
    },
    setEnforce: async (enforce) => {
      await run(() => host.invoke('schemas:set-enforce', { enforce }));
    },
  };
}
