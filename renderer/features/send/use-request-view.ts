// The Requests panel's state: which attempt is shown, its whole body on request ("show all"), and
// Copy as curl (the clipboard, or the command shown for copying by hand where the clipboard is refused).
import { useCallback, useEffect, useState } from 'react';
import type { RequestAttempt, SendReport } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';
import { curlCommand } from './curl-command';

const encoder = new TextEncoder();

export interface RequestView {
  readonly chosen: number;
  choose(index: number): void;
  readonly attempt: RequestAttempt | undefined;
  /** The body to show: the preview, or all of it after "show all". */
  readonly body: string;
  /** True when the preview is only the start of the body. */
  readonly truncated: boolean;
  showAll(): void;
  copyCurl(): void;
  /** What Copy as curl did, for the status line; with the command itself when it could not reach the clipboard. */
  readonly copied: { readonly message: string; readonly command?: string } | undefined;
  readonly error: string | undefined;
}

export function useRequestView(host: Host, report: SendReport | undefined): RequestView {
  const [chosen, setChosen] = useState(0);
  const [full, setFull] = useState<{ key: string; text: string } | undefined>(undefined);
  const [copied, setCopied] = useState<RequestView['copied']>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const attempts = report?.attempts ?? [];
  const attempt = attempts[Math.min(chosen, attempts.length - 1)];
  const key = report && attempt ? `${report.runId}/${attempt.request}` : '';

  useEffect(() => {
    setChosen(0);
    setCopied(undefined);
    setError(undefined);
  }, [report]);

  const preview = attempt?.bodyPreview ?? '';
  const truncated = attempt !== undefined && full?.key !== key && encoder.encode(preview).length < attempt.bodyBytes;
  const body = full?.key === key ? full.text : preview;

  const wholeBody = useCallback(async (): Promise<string> => {
    if (!report || !attempt) return '';
    if (full?.key === key) return full.text;
    if (encoder.encode(preview).length >= attempt.bodyBytes) return preview;
    const { text } = await host.invoke('send:request-body', { runId: report.runId, request: attempt.request });
    setFull({ key, text });
    return text;
  }, [host, report, attempt, full, key, preview]);

  const showAll = useCallback(() => {
    wholeBody().then(
      () => setError(undefined),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [wholeBody]);

  const copyCurl = useCallback(() => {
    if (!attempt) return;
    void (async () => {
      let command: string;
      try {
        command = curlCommand(attempt, await wholeBody());
      } catch (e) {
        setError(messageOf(e));
        return;
      }
      try {
        await navigator.clipboard.writeText(command);
        setCopied({ message: 'Copied as curl: set CONNECT_API_KEY in your shell before running it.' });
      } catch {
        setCopied({ message: 'The clipboard is not available here: copy the command below.', command });
      }
    })();
  }, [attempt, wholeBody]);

  return { chosen, choose: setChosen, attempt, body, truncated, showAll, copyCurl, copied, error };
}
