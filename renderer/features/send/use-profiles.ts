// The targets the user can send to, and which one is selected (keys stay in the main process).
import { useCallback, useEffect, useState } from 'react';
import type { Profile } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';

export interface Profiles {
  readonly list: readonly Profile[];
  readonly selected: Profile | undefined;
  readonly error: string | undefined;
  select(id: string): void;
  reload(): void;
}

export function useProfiles(host: Host): Profiles {
  const [list, setList] = useState<readonly Profile[]>([]);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  const reload = useCallback(() => {
    host.invoke('profiles:list', {}).then(
      (answer) => {
        setList(answer.profiles);
        setSelectedId(answer.selectedId);
        setError(undefined);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [host]);

  useEffect(reload, [reload]);

  const select = useCallback(
    (id: string) => {
      setSelectedId(id);
      host.invoke('profiles:select', { id }).catch((e: unknown) => setError(messageOf(e)));
    },
    [host],
  );

  return { list, selected: list.find((p) => p.id === selectedId), error, select, reload };
}
