// The Connect side of a bulk import (spec §7): `POST /event-import` starts it, `GET /event-import/:id`
// reports it. Answers are parsed at this edge; what a failure means for the events is decided by the caller.
import { z } from 'zod';

export interface ConnectTarget {
  readonly url: string;
  readonly projectId: string;
  readonly apiKey: string;
}

export interface ImportStart {
  readonly collection: string;
  readonly s3Path: string;
  readonly s3AccessKeyId: string;
  readonly s3SecretAccessKey: string;
}

export const importStatusSchema = z.object({
  collection: z.string(),
  status: z.enum(['Pending', 'Running', 'Complete', 'Failed']),
  importedEvents: z.number().catch(0),
  duplicateEvents: z.number().catch(0),
  percentComplete: z.number().catch(0),
  insertRate: z.number().catch(0),
  error: z.string().nullable().catch(null),
  eventErrors: z.array(z.object({ index: z.number().int().nonnegative(), error: z.string() })).catch([]),
});
export type ImportStatus = z.output<typeof importStatusSchema>;

/** `stored: 'no'` when the API answered with an error (nothing was created); `'maybe'` when no answer came. */
export type StartAnswer = { ok: true; id: string } | { ok: false; stored: 'no' | 'maybe'; message: string };
export type StatusAnswer = { ok: true; status: ImportStatus } | { ok: false; message: string };

const REQUEST_TIMEOUT_MS = 30_000;

export function importEndpoint(base: string, id?: string): string {
  const url = new URL(base);
  url.pathname =
    url.pathname.replace(/\/+$/, '') + '/event-import' + (id !== undefined ? `/${encodeURIComponent(id)}` : '');
  url.search = '';
  url.hash = '';
  return url.toString();
}

const headersOf = (target: ConnectTarget) => ({
  'X-Project-Id': target.projectId,
  'X-Api-Key': target.apiKey,
  'Content-Type': 'application/json',
});

const signalFor = (signal: AbortSignal | undefined): AbortSignal =>
  signal ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS);

function apiMessage(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { errorMessage?: unknown; errors?: { field?: unknown; description?: unknown }[] };
    if (typeof body.errorMessage === 'string') return `${status}: ${body.errorMessage}`;
    if (Array.isArray(body.errors))
      return `${status}: ${body.errors.map((e) => `${String(e.field)}: ${String(e.description)}`).join('; ')}`;
  } catch {
    // not the API's JSON: the status alone says it
  }
  return `HTTP ${status}`;
}

const failureText = (error: unknown): string => {
  const cause = error instanceof Error ? (error as Error & { cause?: { code?: unknown } }).cause : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.name : String(error);
};

export async function startImport(
  fetchPort: typeof fetch,
  target: ConnectTarget,
  start: ImportStart,
  signal?: AbortSignal,
): Promise<StartAnswer> {
  if (signal?.aborted) return { ok: false, stored: 'no', message: 'Cancelled before the import was started' };
  let response: Response;
  try {
    // Never follow a redirect: fetch would carry X-Api-Key and the S3 secret in the body along.
    response = await fetchPort(importEndpoint(target.url), {
      method: 'POST',
      headers: headersOf(target),
      body: JSON.stringify(start),
      redirect: 'manual',
      signal: signalFor(signal),
    });
  } catch (error) {
    const code = failureText(error);
    // Refused or not found: the request never reached a server, so no import was created. A cancel in
    // flight may have come after the server took the request.
    const stored = code === 'ECONNREFUSED' || code === 'ENOTFOUND' ? 'no' : 'maybe';
    return { ok: false, stored, message: `POST /event-import got no answer (${code})` };
  }
  const text = await response.text().catch(() => '');
  if (response.status === 201 || response.status === 200) {
    try {
      const id = (JSON.parse(text) as { id?: unknown }).id;
      if (typeof id === 'string' && id !== '') return { ok: true, id };
    } catch {
      // fall through: an answer without an id
    }
    return {
      ok: false,
      stored: 'maybe',
      message: `POST /event-import answered ${response.status} without an import id`,
    };
  }
  // spec §9: a 4xx, or a 5xx with the API's JSON errorMessage, stores nothing.
  const apiJson = /"errorMessage"|"errors"/.test(text);
  const stored = response.status < 500 || apiJson ? 'no' : 'maybe';
  return { ok: false, stored, message: `POST /event-import was refused (${apiMessage(response.status, text)})` };
}

export async function readImportStatus(
  fetchPort: typeof fetch,
  target: ConnectTarget,
  id: string,
  signal?: AbortSignal,
): Promise<StatusAnswer> {
  let response: Response;
  try {
    response = await fetchPort(importEndpoint(target.url, id), {
      method: 'GET',
      headers: headersOf(target),
      redirect: 'manual',
      signal: signalFor(signal),
    });
  } catch (error) {
    return { ok: false, message: `GET /event-import/${id} got no answer (${failureText(error)})` };
  }
  const text = await response.text().catch(() => '');
  if (response.status !== 200)
    return { ok: false, message: `GET /event-import/${id} answered ${apiMessage(response.status, text)}` };
  try {
    const parsed = importStatusSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { ok: true, status: parsed.data };
  } catch {
    // fall through
  }
  return { ok: false, message: `GET /event-import/${id} answered something that is not an import status` };
}
