// The import dialog's preview: main parses the file (it may be 100,000 lines) with the options chosen
// so far, a moment after the last change, and answers with the first rows and every problem.
import { useEffect, useState } from 'react';
import type { ImportOptions, ImportPreview } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';

const PREVIEW_ROWS = 20;
const SETTLE_MS = 250;

export function useImportPreview(host: Host, options: ImportOptions | undefined) {
  const [preview, setPreview] = useState<ImportPreview | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!options) return;
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      host
        .invoke('import:preview', { ...options, rows: PREVIEW_ROWS })
        .then((p) => {
          if (!current) return;
          setPreview(p);
          setError(undefined);
        })
        .catch((e: unknown) => current && setError(messageOf(e)))
        .finally(() => current && setLoading(false));
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [host, options]);

  return { preview, error, loading };
}
