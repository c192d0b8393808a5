// Where the cursor is in a batch text, for schema completion and hover: which collection, which event,
// the path inside the event, and whether a property name or a value is being typed. Tolerant of the
// half-written JSON of someone typing: it scans only up to the cursor and never needs the text to parse.
import type { PathSegment } from '../json/path';
import type { TextRange } from '../batch/locate';
import { createScanner } from 'jsonc-parser';
import { TOKEN, UNTERMINATED_STRING } from '../json/token';

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

/** A string's content as typed so far (an unterminated string has no closing quote yet). */
const decode = (raw: string): string => {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1).replace(/"$/, '');
  }
};

interface OpenString {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** The context at `offset`, or undefined when the cursor is not inside an event of a collection. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const stack: Frame[] = [];
  let inString: OpenString | undefined;
  // jsonc-parser's scanner: tolerant of half-written text and comments, and not recursive (deep text is fine).
  const scanner = createScanner(text, true);
  for (let kind = scanner.scan(); kind !== TOKEN.eof; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    if (start >= offset) break;
    const top = stack[stack.length - 1];
    if (kind === TOKEN.string) {
      const end = start + scanner.getTokenLength();
      const unterminated = scanner.getTokenError() === UNTERMINATED_STRING;
      if (unterminated || end > offset) {
        // The cursor is inside this string (or it is not closed yet).
        inString = unterminated
          ? { start, end: offset, value: decode(text.slice(start, offset)) }
          : { start, end, value: scanner.getTokenValue() };
        break;
      }
      if (top?.kind === 'object' && top.expectingKey) {
        top.key = scanner.getTokenValue();
        top.keys.push(top.key);
      }
    } else if (kind === TOKEN.openBrace || kind === TOKEN.openBracket) {
      const slot = top ? (top.kind === 'object' ? top.key : top.index) : undefined;
      const isObject = kind === TOKEN.openBrace;
      stack.push({
        kind: isObject ? 'object' : 'array',
        slot,
        expectingKey: isObject,
        key: undefined,
        index: 0,
        keys: [],
      });
    } else if (kind === TOKEN.closeBrace || kind === TOKEN.closeBracket) stack.pop();
    else if (kind === TOKEN.colon && top?.kind === 'object') top.expectingKey = false;
    else if (kind === TOKEN.comma && top) {
      if (top.kind === 'object') {
        top.expectingKey = true;
        top.key = undefined;
      } else top.index++;
    }
  }
  // root object → collection array → event object → ...
  const [root, collectionFrame, eventFrame, ...inner] = stack;
  if (root?.kind !== 'object' || collectionFrame?.kind !== 'array' || eventFrame?.kind !== 'object') return undefined;
  if (typeof collectionFrame.slot !== 'string' || typeof eventFrame.slot !== 'number') return undefined;
  const top = stack[stack.length - 1] as Frame;
  const path = inner.map((frame) => frame.slot as PathSegment);
  const stringRange: TextRange | undefined = inString ? { start: inString.start, end: inString.end } : undefined;
  const typed = inString?.value;
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
