// What a CSV cell becomes in an event: a column is typed by all of its cells (or as the user says), so
// one odd cell cannot turn a column of numbers into a mix.

export type CellType = 'auto' | 'string' | 'number' | 'boolean';
export type ResolvedCellType = Exclude<CellType, 'auto'>;

// Plain decimal numbers only: `007` and `1e400` stay text (a zip code or an id is not a quantity).
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
// What a person who says "this column is a number" may have written: leading zeros and a plus sign too.
const LOOSE_NUMBER = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const TRUE = /^(?:true|yes|1)$/i;
const FALSE = /^(?:false|no|0)$/i;

const asNumber = (text: string, pattern = NUMBER): number | undefined => {
  if (!pattern.test(text)) return undefined;
  const value = Number(text);
  // Integers past 2^53 would silently change: keep them as text.
  if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) return undefined;
  return value;
};

const asBoolean = (text: string, strict: boolean): boolean | undefined => {
  if (strict ? text === 'true' || text === 'TRUE' || text === 'True' : TRUE.test(text)) return true;
  if (strict ? text === 'false' || text === 'FALSE' || text === 'False' : FALSE.test(text)) return false;
  return undefined;
};

/** The type a column is read as when left to `auto`: number or boolean only when every filled cell is one. */
export function inferCellType(cells: Iterable<string>): ResolvedCellType {
  let numbers = true;
  let booleans = true;
  let filled = 0;
  for (const cell of cells) {
    if (cell === '') continue;
    filled++;
    if (numbers && asNumber(cell) === undefined) numbers = false;
    if (booleans && asBoolean(cell, true) === undefined) booleans = false;
    if (!numbers && !booleans) return 'string';
  }
  if (filled === 0) return 'string';
  return numbers ? 'number' : booleans ? 'boolean' : 'string';
}

export type CellValue = { ok: true; value: string | number | boolean } | { ok: false; problem: string };

/** One non-empty cell as its column's type, or why it cannot be. */
export function castCell(text: string, type: ResolvedCellType): CellValue {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      const value = asNumber(text.trim(), LOOSE_NUMBER);
      return value === undefined ? { ok: false, problem: `'${text}' is not a number` } : { ok: true, value };
    }
    case 'boolean': {
      const value = asBoolean(text.trim(), false);
      return value === undefined ? { ok: false, problem: `'${text}' is not true or false` } : { ok: true, value };
    }
    default: {
      const never: never = type;
      return never;
    }
  }
}
