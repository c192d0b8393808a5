// How a key's status reads in the UI: never the key, at most its last 4 characters and when it changed.
import type { KeyStatusOutput } from '../../../electron/contract/channels';
import { MASK } from '../../../core/text/redact';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** "set ••••1234 · changed 2 Jan 2026", "from the environment", "not set", "built in". */
export function keyStatusText(key: KeyStatusOutput): string {
  if (key.storage === 'built-in') return 'built in (the local sandbox’s own key)';
  if (!key.set) return 'not set';
  const hint = `${MASK}${key.last4 ?? ''}`;
  if (key.storage === 'env') return `set ${hint} · from the environment`;
  const changed = key.changedAt ? new Date(key.changedAt) : undefined;
  const when = changed && !Number.isNaN(changed.getTime()) ? ` · changed ${dateFormat.format(changed)}` : '';
  return `set ${hint}${when}`;
}

/** True when the saved key is kept without a real keychain: the profile then shows the warning. */
export const keyStoredWeakly = (key: KeyStatusOutput): boolean => key.set && key.storage === 'file';
