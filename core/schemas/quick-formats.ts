// The validator's format checks, answering the common forms first without its regular expressions (which
// allocate a match and its strings per value): a quick form is a strict subset of what the validator accepts,
// and anything else is left to the validator's own check, so every answer is the validator's.
import { format as VALIDATOR_FORMATS } from '@cfworker/json-schema';
import { isUtcTimestamp } from '../rules/timestamp';

type FormatTest = (value: string) => boolean;

const isAlphanumeric = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);

/**
 * `name@host.example`: a local part of letters, digits and `_ + - .` (no dot first, last or twice in a
 * row, at most 64), and a host name of labels (letters, digits, inner hyphens, 1 to 63 each, at most 253).
 */
function isPlainEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at < 1 || at > 64) return false;
  for (let i = 0; i < at; i++) {
    const c = value.charCodeAt(i);
    if (isAlphanumeric(c) || c === 0x5f || c === 0x2b || c === 0x2d) continue;
    if (c === 0x2e && i > 0 && i < at - 1 && value.charCodeAt(i - 1) !== 0x2e) continue;
    return false;
  }
  const end = value.length;
  if (end - at - 1 < 1 || end - at - 1 > 253) return false;
  let label = 0;
  for (let i = at + 1; i < end; i++) {
    const c = value.charCodeAt(i);
    if (isAlphanumeric(c)) label++;
    else if (c === 0x2d && label > 0) label++;
    else if (c === 0x2e && label > 0 && value.charCodeAt(i - 1) !== 0x2d) label = 0;
    else return false;
    if (label > 63) return false;
  }
  return label > 0 && value.charCodeAt(end - 1) !== 0x2d;
}

/** A timestamp the API accepts in UTC is an RFC 3339 date-time (and the linter has just read it). */
const QUICK: Readonly<Record<string, FormatTest>> = { 'date-time': isUtcTimestamp, email: isPlainEmail };

/** The check of a format the validator asserts, or undefined for a format it does not know (not asserted). */
export function formatCheck(name: string): FormatTest | undefined {
  const full = (VALIDATOR_FORMATS as Record<string, FormatTest | undefined>)[name];
  if (!full) return undefined;
  const quick = Object.prototype.hasOwnProperty.call(QUICK, name) ? QUICK[name] : undefined;
  return quick ? (value) => quick(value) || full(value) : full;
}
