// "Test connection": one harmless authenticated request (an empty batch) that tells a person whether a
// target is reachable, accepts the project id and key, and really is a Connect API.
import { isJsonObject, tryParseJson } from '../../core/json/value';

export type ConnectionVerdict = 'ok' | 'unauthorised' | 'forbidden' | 'unreachable' | 'not-connect' | 'invalid';

export interface ConnectionResult {
  readonly verdict: ConnectionVerdict;
  readonly message: string;
  readonly status?: number;
  readonly durationMs: number;
}

export interface ConnectionTestInput {
  readonly baseUrl: string;
  readonly projectId: string;
  readonly apiKey: string | undefined;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const networkReason = (error: unknown, timeoutMs: number): string => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError')
    return `no answer within ${timeoutMs} ms`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved (DNS)';
  // Fetch refuses ports browsers block (6000, 6667, ...): say so, or the person hunts for a server that is fine.
  if (cause?.message === 'bad port')
    return 'this port is one HTTP clients refuse to use (blocked port); use another port';
  if (code === 'ECONNREFUSED') return 'the connection was refused (nothing listens there)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed without an answer';
  if (/CERT|SSL|TLS|self.signed/i.test(code + (cause?.message ?? '')))
    return `the TLS certificate was not accepted (${code || 'TLS error'})`;
  return code ? `network error ${code}` : 'network error';
};

export async function testConnection(input: ConnectionTestInput): Promise<ConnectionResult> {
  const timeoutMs = input.timeoutMs ?? 10_000;
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  if (!input.apiKey) {
    // Nothing was sent, so nothing was refused: 'invalid' reads "Cannot test", not "Key or project refused".
    return {
      verdict: 'invalid',
      message: 'No API key is set for this profile, so nothing was sent. Enter one, then test again.',
      durationMs: 0,
    };
  }
  let response: Response;
  try {
    response = await (input.fetch ?? fetch)(`${input.baseUrl}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Project-Id': input.projectId, 'X-Api-Key': input.apiKey },
      body: '{}',
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
  } catch (error) {
    return {
      verdict: 'unreachable',
      message: `Cannot reach ${input.baseUrl}: ${networkReason(error, timeoutMs)}.`,
      durationMs: elapsed(),
    };
  }
  const text = await response.text().catch(() => '');
  const status = response.status;
  if (status === 401) {
    return {
      verdict: 'unauthorised',
      status,
      message: 'Reached the API, but it refused the project id or API key (401). Check both.',
      durationMs: elapsed(),
    };
  }
  if (status === 403) {
    return {
      verdict: 'forbidden',
      status,
      message: 'Reached the API, but this key may not push events (403). Use a push, pushquery or master key.',
      durationMs: elapsed(),
    };
  }
  const parsed = tryParseJson(text);
  if (status === 200 && parsed.ok && isJsonObject(parsed.value) && Object.keys(parsed.value).length === 0) {
    return {
      verdict: 'ok',
      status,
      message: `${input.baseUrl} accepted the project id and key.`,
      durationMs: elapsed(),
    };
  }
  return {
    verdict: 'not-connect',
    status,
    message: `${input.baseUrl} answered ${status}, but not like the Connect API would (expected 200 {} for an empty batch). Check the base URL.`,
    durationMs: elapsed(),
  };
}
