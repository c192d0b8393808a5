// Where the cursor is in a batch text, for schema completion and hover: which collection, which event,
// the path inside the event, and whether a property name or a value is being typed. Tolerant of the
// half-written JSON of someone typing: it scans only up to the cursor and never needs the text to parse.
import type { PathSegment } from '../rules/event-rules';
import type { TextRange } from '../batch/locate';

export interface CursorContext {
  readonly collection: string;
  /** Event index inside the collection. */
  readonly index: number;
  /** Path inside the event to the object or array the cursor is in (empty: the event itself). */
  readonly path: readonly PathSegment[];
  /** 'key': a property name goes here; 'value': the value of `key` (or an array item) goes here. */
  readonly position: 'key' | 'value';
  /** For a value: the property it belongs to (absent for array items). For a key: the name being typed, if any. */
  readonly key?: string;
  /** The string the cursor is inside (quotes included), to be replaced by a completion. */
  readonly stringRange?: TextRange;
  /** Property names already written in the object before the cursor. */
  readonly siblings: readonly string[];
}

interface Frame {
  readonly kind: 'object' | 'array';
  /** This frame's place in its parent: a property name or an array position. */
  readonly slot: PathSegment | undefined;
  expectingKey: boolean;
  key: string | undefined;
  index: number;
  readonly keys: string[];
}

const stringEnd = (text: string, from: number, limit: number): number => {
  let i = from + 1;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    i += c === 0x5c ? 2 : 1;
  }
  return -1;
};

const decode = (raw: string): string => {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1).replace(/"$/, '');
  }
};

/** The context at `offset`, or undefined when the cursor is not inside an event of a collection. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const stack: Frame[] = [];
  let i = 0;
  let inString: { start: number; isKey: boolean } | undefined;
  while (i < offset) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i, text.length);
      const top = stack[stack.length - 1];
      const isKey = top?.kind === 'object' && top.expectingKey;
      if (end === -1 || end > offset) {
        // The cursor is inside this string (or it is unterminated).
        inString = { start: i, isKey };
        break;
      }
      if (isKey && top) {
        top.key = decode(text.slice(i, end));
        top.keys.push(top.key);
      }
      i = end;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === 0x7b || c === 0x5b) {
      const slot = top ? (top.kind === 'object' ? top.key : top.index) : undefined;
      stack.push({ kind: c === 0x7b ? 'object' : 'array', slot, expectingKey: c === 0x7b, key: undefined, index: 0, keys: [] });
    } else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x3a && top?.kind === 'object') top.expectingKey = false;
    else if (c === 0x2c && top) {
      if (top.kind === 'object') {
        top.expectingKey = true;
        top.key = undefined;
      } else top.index++;
    }
    i++;
  }
  // root object → collection array → event object → ...
  const [root, collectionFrame, eventFrame, ...inner] = stack;
  if (root?.kind !== 'object' || collectionFrame?.kind !== 'array' || eventFrame?.kind !== 'object') return undefined;
  if (typeof collectionFrame.slot !== 'string' || typeof eventFrame.slot !== 'number') return undefined;
  const top = stack[stack.length - 1] as Frame;
  const path = inner.map((frame) => frame.slot as PathSegment);
  let stringRange: TextRange | undefined;
  let typed: string | undefined;
  if (inString) {
    const end = stringEnd(text, inString.start, text.length);
    stringRange = { start: inString.start, end: end === -1 ? offset : end };
    typed = decode(text.slice(inString.start, end === -1 ? offset : end));
  }
  const position = top.kind === 'object' && top.expectingKey ? 'key' : 'value';
  const key = position === 'key' ? typed : top.kind === 'object' ? top.key : undefined;
  return {
    collection: collectionFrame.slot,
    index: eventFrame.slot,
    path,
    position,
    ...(key !== undefined ? { key } : {}),
    ...(stringRange ? { stringRange } : {}),
    siblings: top.kind === 'object' ? top.keys : [],
  };
}
