// Connect's timestamp rule (spec §4, "Timestamps (Decided)"): which strings are accepted and their UTC form.

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

export interface ParsedTimestamp {
  /** UTC with exactly three fraction digits, extra digits cut off (not rounded). */
  readonly utc: string;
  /** True when the text ends in `Z`, i.e. sending it changes nothing. */
  readonly isUtc: boolean;
}

const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

// The linter asks twice per event (timestamp-invalid, then timestamp-not-utc): remember the last answer.
let lastValue: string | undefined;
let lastResult: ParsedTimestamp | undefined;

/** Parses an accepted timestamp, or returns undefined when the API would reject it. */
export function parseTimestamp(value: unknown): ParsedTimestamp | undefined {
  if (typeof value !== 'string') return undefined;
  if (value === lastValue) return lastResult;
  const result = parse(value);
  lastValue = value;
  lastResult = result;
  return result;
}

/** The number written by `count` digits at `at`, or -1 when one is not a digit. */
const digitsAt = (text: string, at: number, count: number): number => {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, the form most batches use, read without the regular expression
 * (which allocates a string per capture: a tenth of a lint's time). Undefined when the text has
 * another shape: the general path then decides.
 */
function parseUtcForm(value: string): ParsedTimestamp | undefined {
  const length = value.length;
  if (length < 20 || length === 21 || length > 30 || value.charCodeAt(length - 1) !== 0x5a) return undefined;
  if (length > 20 && (value.charCodeAt(19) !== 0x2e || digitsAt(value, 20, length - 21) < 0)) return undefined;
  if (!isDateTimePrefix(value)) return undefined;
  // Exactly three fraction digits and Z: already the stored form.
  if (length === 24) return { utc: value, isUtc: true };
  const millis = length === 20 ? '000' : (value.slice(20, length - 1) + '00').slice(0, 3);
  return { utc: `${value.slice(0, 19)}.${millis}Z`, isUtc: true };
}

// The last stored-form timestamp seen: a schema's date-time check asks again about the value the linter just read.
let lastStored: string | undefined;

/** True when `value` is an accepted timestamp ending in Z: parseTimestamp(value)?.isUtc, allocating nothing for the common form. */
export function isUtcTimestamp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === lastStored) return true;
  if (value.length === 24 && value === lastValue) return lastResult?.isUtc === true;
  if (isStoredForm(value)) {
    lastStored = value;
    return true;
  }
  return parseTimestamp(value)?.isUtc === true;
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` naming a time that exists: the stored form itself. */
function isStoredForm(value: string): boolean {
  if (
    value.length !== 24 ||
    value.charCodeAt(23) !== 0x5a ||
    value.charCodeAt(19) !== 0x2e ||
    digitsAt(value, 20, 3) < 0
  )
    return false;
  return isDateTimePrefix(value);
}

/** The number written by `count` digit bytes at `at`, or -1 when one is not a digit. */
const digitBytesAt = (bytes: Uint8Array, at: number, count: number): number => {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = (bytes[i] ?? 0) - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * isStoredForm read from UTF-8 bytes at `at` (24 of them): a byte check decides the common timestamp without
 * making a string. False only means "not decided here": such a text may still be an accepted timestamp.
 */
export function isStoredFormAt(bytes: Uint8Array, at: number): boolean {
  if (bytes[at + 4] !== 0x2d || bytes[at + 7] !== 0x2d || bytes[at + 10] !== 0x54) return false;
  if (bytes[at + 13] !== 0x3a || bytes[at + 16] !== 0x3a || bytes[at + 19] !== 0x2e || bytes[at + 23] !== 0x5a)
    return false;
  const year = digitBytesAt(bytes, at, 4);
  const month = digitBytesAt(bytes, at + 5, 2);
  const day = digitBytesAt(bytes, at + 8, 2);
  const hour = digitBytesAt(bytes, at + 11, 2);
  const minute = digitBytesAt(bytes, at + 14, 2);
  const second = digitBytesAt(bytes, at + 17, 2);
  if (digitBytesAt(bytes, at + 20, 3) < 0) return false;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

/** True when the text starts with `YYYY-MM-DDTHH:MM:SS` naming a time that exists. */
function isDateTimePrefix(value: string): boolean {
  if (value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d || value.charCodeAt(10) !== 0x54) return false;
  if (value.charCodeAt(13) !== 0x3a || value.charCodeAt(16) !== 0x3a) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

function parse(value: string): ParsedTimestamp | undefined {
  const fast = parseUtcForm(value);
  if (fast) return fast;
  const m = PATTERN.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = ((m[7] ?? '') + '000').slice(0, 3);
  const zone = m[8];
  if (zone === 'Z' || zone === undefined) {
    // No offset: the UTC form is the same wall time, written with milliseconds (no Date needed).
    return { utc: `${value.slice(0, 19)}.${fraction}Z`, isUtc: zone === 'Z' };
  }
  const digits = zone.replace(':', '');
  const offHours = Number(digits.slice(1, 3));
  const offMinutes = Number(digits.slice(3, 5));
  if (offHours > 23 || offMinutes > 59) return undefined;
  const offsetMinutes = (digits[0] === '-' ? -1 : 1) * (offHours * 60 + offMinutes);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, Number(fraction));
  return { utc: date.toISOString(), isUtc: false };
}
