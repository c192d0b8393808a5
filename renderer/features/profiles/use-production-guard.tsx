// Puts the production question in front of a send when the target asks for it; the send then carries
// `confirmed: true`, which main requires for such a target.
import { useCallback, useState, type ReactNode } from 'react';
import type { Profile } from '../../../electron/contract/channels';
import { batchCollections, needsProductionConfirmation, type CollectionCount } from './production-send';
import { ProductionConfirmDialog } from './ProductionConfirmDialog';

interface Pending {
  readonly profile: Profile;
  readonly collections: readonly CollectionCount[] | undefined;
  readonly events: number;
  readonly proceed: (confirmed: boolean) => void;
}

export interface ProductionGuard {
  /** Calls `proceed(false)` at once for an ordinary target, `proceed(true)` once the user confirms a production one. */
  guard(profile: Profile, batchText: string, events: number, proceed: (confirmed: boolean) => void): void;
  /** The dialog while a question is open (render it anywhere). */
  readonly dialog: ReactNode;
}

export function useProductionGuard(): ProductionGuard {
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const guard = useCallback(
    (profile: Profile, batchText: string, events: number, proceed: (confirmed: boolean) => void) => {
      if (!needsProductionConfirmation(profile)) {
        proceed(false);
        return;
      }
      const collections = batchCollections(batchText);
      const counted = collections ? collections.reduce((n, c) => n + c.events, 0) : events;
      setPending({ profile, collections, events: counted, proceed });
    },
    [],
  );
  const dialog = pending ? (
    <ProductionConfirmDialog
      profile={pending.profile}
      collections={pending.collections}
      events={pending.events}
      onCancel={() => setPending(undefined)}
      onConfirm={() => {
        setPending(undefined);
        pending.proceed(true);
      }}
    />
  ) : null;
  return { guard, dialog };
}
