// "Copy as curl": one attempt as a shell command that repeats it, with $CONNECT_API_KEY where the key
// goes. The renderer never holds the key, and the masked hint (••••1234) is not put in either.
import type { RequestAttempt } from '../../../electron/contract/channels';

/** POSIX single quotes: everything literal, a quote written as '\''. */
const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

const isKeyHeader = (name: string): boolean => /^(x-api-key|authorization)$/i.test(name);

export function curlCommand(attempt: Pick<RequestAttempt, 'method' | 'url' | 'headers'>, body: string): string {
  const lines = [`curl -X ${attempt.method} ${quote(attempt.url)}`];
  for (const [name, value] of Object.entries(attempt.headers)) {
    if (isKeyHeader(name)) {
      lines.push(`-H "${name}: $CONNECT_API_KEY"`);
      continue;
    }
    lines.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (body !== '') lines.push(`--data-binary ${quote(body)}`);
  return lines.join(' \\\n  ');
}
