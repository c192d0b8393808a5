// Reads a time shift as people write one: `-3d`, `+2h30m`, `90s`, or ISO 8601 (`PT2H`, `-P1DT12H`, `P2W`).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };
const SHORT = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/;
const ISO =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

const HELP =
  'write a duration like -3d, +2h30m, 90s or PT2H (ISO 8601; years and months are not fixed lengths, so they are not accepted)';

/** Milliseconds, negative for a shift back in time. */
export function parseDuration(text: string): DurationResult {
  const trimmed = text.trim();
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const body = trimmed.replace(/^[+-]/, '');
  if (body === '') return { ok: false, message: `The duration is empty: ${HELP}.` };
  if (/^P/i.test(body)) {
    const match = ISO.exec(body);
    if (!match || body === 'P' || /T$/i.test(body))
      return { ok: false, message: `'${text}' is not a duration: ${HELP}.` };
    const [, w, d, h, m, s] = match;
    const part = (value: string | undefined, unit: number): number => (value === undefined ? 0 : Number(value) * unit);
    const ms = part(w, 7 * DAY) + part(d, DAY) + part(h, HOUR) + part(m, MINUTE) + part(s, SECOND);
    return { ok: true, ms: sign * ms };
  }
  let rest = body;
  let ms = 0;
  while (rest !== '') {
    const match = SHORT.exec(rest);
    if (!match) return { ok: false, message: `'${text}' is not a duration: ${HELP}.` };
    ms += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
    rest = rest.slice(match[0].length);
  }
  return { ok: true, ms: sign * ms };
}
