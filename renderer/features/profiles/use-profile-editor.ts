// The profiles dialog's logic: which profile is open, its draft, the write-only key field, and every call to
// main (save, duplicate, delete, set or clear the key, test, accept weak storage). The key typed here is sent
// once and the field emptied; nothing ever brings a key back.
import { useCallback, useEffect, useState } from 'react';
import type {
  ConnectionResultOutput,
  KeyStorage,
  Profile,
  ProfileDraftInput,
} from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';

export interface Draft {
  readonly name: string;
  readonly baseUrl: string;
  readonly projectId: string;
  readonly color: string;
  readonly production: boolean;
  readonly confirmProduction: boolean;
  /** The bulk import section as typed; an empty bucket means the profile has none. */
  readonly s3Bucket: string;
  readonly s3Prefix: string;
  readonly s3Region: string;
  readonly s3Endpoint: string;
  readonly s3AccessKeyId: string;
}

export const NEW_PROFILE = 'new';
const NO_BULK = { s3Bucket: '', s3Prefix: '', s3Region: '', s3Endpoint: '', s3AccessKeyId: '' };
const DEFAULT_DRAFT: Draft = {
  name: '',
  baseUrl: 'https://api.getconnect.io',
  projectId: '',
  color: '#1e88e5',
  production: false,
  confirmProduction: true,
  ...NO_BULK,
};

const draftOf = (p: Profile): Draft => ({
  name: p.name,
  baseUrl: p.baseUrl,
  projectId: p.projectId,
  color: p.color,
  production: p.production,
  confirmProduction: p.confirmProduction,
  s3Bucket: p.bulkImport?.bucket ?? '',
  s3Prefix: p.bulkImport?.prefix ?? '',
  s3Region: p.bulkImport?.region ?? '',
  s3Endpoint: p.bulkImport?.endpoint ?? '',
  s3AccessKeyId: p.bulkImport?.accessKeyId ?? '',
});

/** The contract's draft: the bulk import section only when a bucket is given (null removes it). */
const toInput = ({ s3Bucket, s3Prefix, s3Region, s3Endpoint, s3AccessKeyId, ...rest }: Draft): ProfileDraftInput => {
  const optional = {
    prefix: s3Prefix.trim(),
    region: s3Region.trim(),
    endpoint: s3Endpoint.trim(),
    accessKeyId: s3AccessKeyId.trim(),
  };
  const given = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== ''));
  return { ...rest, bulkImport: s3Bucket.trim() ? { bucket: s3Bucket.trim(), ...given } : null };
};

const sameDraft = (a: Draft, b: Draft): boolean => (Object.keys(a) as (keyof Draft)[]).every((k) => a[k] === b[k]);

export interface Notice {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

export interface ProfileEditor {
  readonly openId: string;
  readonly open: Profile | undefined;
  readonly draft: Draft;
  readonly dirty: boolean;
  readonly keyInput: string;
  /** The S3 secret typed so far: write-only like the key, sent on Save and then emptied. */
  readonly s3SecretInput: string;
  readonly storage: KeyStorage | undefined;
  readonly notice: Notice | undefined;
  readonly testResult: ConnectionResultOutput | undefined;
  readonly busy: boolean;
  /** Damaged profile or key files that were kept aside, as main reported them. */
  readonly problems: readonly string[];
  choose(id: string): void;
  startNew(): void;
  /** Sets one field of the form. */
  set<K extends keyof Draft>(field: K, value: Draft[K]): void;
  setKeyInput(value: string): void;
  setS3SecretInput(value: string): void;
  clearS3Secret(): Promise<void>;
  save(): Promise<void>;
  duplicate(): Promise<void>;
  remove(): Promise<void>;
  clearKey(): Promise<void>;
  test(): Promise<void>;
  acceptWeakStorage(): Promise<void>;
}

export function useProfileEditor(
  host: Host,
  profiles: readonly Profile[],
  initialId: string | undefined,
  reload: () => void,
): ProfileEditor {
  const [openId, setOpenId] = useState<string>(initialId ?? NEW_PROFILE);
  const open = profiles.find((p) => p.id === openId);
  const [draft, setDraft] = useState<Draft>(open ? draftOf(open) : DEFAULT_DRAFT);
  const [keyInput, setKeyInput] = useState('');
  const [s3SecretInput, setS3SecretInput] = useState('');
  const [storage, setStorage] = useState<KeyStorage | undefined>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [testResult, setTestResult] = useState<ConnectionResultOutput | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<readonly string[]>([]);

  useEffect(() => {
    host
      .invoke('profiles:storage', {})
      .then(setStorage, (e: unknown) => setNotice({ kind: 'error', text: messageOf(e) }));
    host.invoke('profiles:list', {}).then(
      (answer) => setProblems(answer.problems ?? []),
      () => undefined,
    );
  }, [host]);

  const reset = (id: string, profile: Profile | undefined) => {
    setOpenId(id);
    setDraft(profile ? draftOf(profile) : DEFAULT_DRAFT);
    setKeyInput('');
    setS3SecretInput('');
    setTestResult(undefined);
    setNotice(undefined);
  };

  const choose = useCallback(
    (id: string) =>
      reset(
        id,
        profiles.find((p) => p.id === id),
      ),
    [profiles],
  );
  const startNew = useCallback(() => reset(NEW_PROFILE, undefined), []);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    try {
      await work();
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const draftInput = (): ProfileDraftInput => toInput(draft);

  const save = () =>
    run(async () => {
      let saved = open;
      if (!open) saved = await host.invoke('profiles:create', { draft: draftInput() });
      else if (!open.builtIn && !sameDraft(draft, draftOf(open)))
        saved = await host.invoke('profiles:update', { id: open.id, draft: draftInput() });
      if (!saved) return;
      setOpenId(saved.id);
      setDraft(draftOf(saved));
      if (keyInput) {
        const key = keyInput;
        // Emptied before the answer: the key lives in the field only until it is handed to main.
        setKeyInput('');
        await host.invoke('profiles:set-key', { id: saved.id, key });
      }
      if (s3SecretInput) {
        const secret = s3SecretInput;
        setS3SecretInput('');
        await host.invoke('profiles:set-s3-secret', { id: saved.id, secret });
      }
      reload();
      // Main forgets a saved key when the host changes (the key belongs to the host it was given for).
      const keyForgotten = !keyInput && open?.key.set === true && open.key.storage !== 'env' && !saved.key.set;
      setNotice({
        kind: 'ok',
        text: keyForgotten
          ? `Saved “${saved.name}”. Its API key was forgotten because the host changed: enter the key for the new host.`
          : `Saved “${saved.name}”.`,
      });
    });

  const duplicate = () =>
    run(async () => {
      if (!open) return;
      const copy = await host.invoke('profiles:duplicate', { id: open.id });
      reload();
      reset(copy.id, copy);
      setNotice({ kind: 'ok', text: `Created “${copy.name}”.` });
    });

  const remove = () =>
    run(async () => {
      if (!open || open.builtIn) return;
      await host.invoke('profiles:delete', { id: open.id });
      reload();
      reset(NEW_PROFILE, undefined);
      setNotice({ kind: 'ok', text: `Deleted “${open.name}” and its saved key.` });
    });

  const clearKey = () =>
    run(async () => {
      if (!open) return;
      await host.invoke('profiles:clear-key', { id: open.id });
      reload();
      setNotice({ kind: 'ok', text: `Cleared the saved key of “${open.name}”.` });
    });

  const clearS3Secret = () =>
    run(async () => {
      if (!open) return;
      await host.invoke('profiles:clear-s3-secret', { id: open.id });
      reload();
      setNotice({ kind: 'ok', text: `Cleared the saved S3 secret of “${open.name}”.` });
    });

  const test = () =>
    run(async () => {
      setTestResult(undefined);
      // An unchanged saved profile is tested as saved; otherwise the form as it stands, with the key typed so far.
      const asSaved = open && (open.builtIn || sameDraft(draft, draftOf(open))) && !keyInput;
      const result = asSaved
        ? await host.invoke('profiles:test', { id: open.id })
        : await host.invoke('profiles:test', {
            ...(open ? { id: open.id } : {}),
            draft: draftInput(),
            ...(keyInput ? { key: keyInput } : {}),
          });
      setTestResult(result);
    });

  const acceptWeakStorage = () =>
    run(async () => {
      setStorage(await host.invoke('profiles:accept-weak-storage', {}));
    });

  return {
    openId,
    open,
    draft,
    dirty: open ? !sameDraft(draft, draftOf(open)) : true,
    keyInput,
    s3SecretInput,
    storage,
    notice,
    testResult,
    busy,
    problems,
    choose,
    startNew,
    set: (field, value) => setDraft((d) => ({ ...d, [field]: value })),
    setKeyInput,
    setS3SecretInput,
    clearS3Secret,
    save,
    duplicate,
    remove,
    clearKey,
    test,
    acceptWeakStorage,
  };
}
