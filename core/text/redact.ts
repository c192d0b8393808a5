// The one way a secret (API key, S3 secret) is shown or kept out of text: a mask with at most the last
// 4 characters, and known values removed from any message, report or response before it leaves main.

export const MASK = '••••';
/** Only a secret this long may show its last 4 characters: on a short one they would give too much away. */
const HINT_MIN_LENGTH = 12;
/** Shorter values are not searched for in text: they would mask ordinary words (real secrets are long). */
const SCRUB_MIN_LENGTH = 4;

/** The last 4 characters of a long enough secret, else ''. */
export const last4 = (secret: string): string => (secret.length >= HINT_MIN_LENGTH ? secret.slice(-4) : '');

/** `••••` and the last 4 characters (only when the key is long enough), e.g. `••••9f2c`. */
export const maskKey = (secret: string): string => `${MASK}${last4(secret)}`;

/** The text with every occurrence of every known secret replaced by the mask. */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= SCRUB_MIN_LENGTH && out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

// Header- or assignment-like mentions of a key, whatever its value: `X-Api-Key: abc`, `apiKey=abc`, `Authorization: Bearer abc`.
const keyMention =
  /\b(x-api-key|api[-_ ]?key|authorization|token|secret|password)(["']?\s*[:=]\s*["']?)(bearer\s+|basic\s+)?[^\s"',;}]+/gi;

/** Masks the value of anything that looks like a key being named, for messages whose secrets are not all known. */
export const maskKeyMentions = (text: string): string =>
  text.replace(
    keyMention,
    (_all, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ''}${MASK}`,
  );

/**
 * A value with every known secret scrubbed from every string in it, however deep: the router's last word on
 * any answer, so no channel can return a key even when a feature forgets to mask one. Unchanged parts are
 * returned as they are.
 */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  const usable = secrets.filter((secret) => secret.length >= SCRUB_MIN_LENGTH);
  if (usable.length === 0) return value;
  const shortest = Math.min(...usable.map((secret) => secret.length));
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') {
      // Most strings of an answer (outcomes, names, ids) are shorter than any key: nothing to look for.
      if (node.length < shortest || !usable.some((secret) => node.includes(secret))) return node;
      return scrub(node, usable);
    }
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        const next = walk(item);
        if (next !== item) (out ??= [...node])[i] = next;
      }
      return out ?? node;
    }
    let out: Record<string, unknown> | undefined;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const next = walk(item);
      if (next !== item) (out ??= { ...record })[key] = next;
    }
    return out ?? node;
  };
  return walk(value) as T;
}
