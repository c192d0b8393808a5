// A small forward scan of batch text that knows where each collection's array opens and which
// collection encloses an offset: enough to insert an event where the cursor is, without a parse.
import { createScanner } from 'jsonc-parser';
import { TOKEN, UNTERMINATED_STRING } from '../../../core/json/token';

export interface CollectionSpan {
  readonly name: string;
  /** Offset of the collection's `[`. */
  readonly open: number;
  /** Offset just after its `]`, or the text's length when unclosed. */
  readonly close: number;
  readonly empty: boolean;
}

/** The top-level collections whose value is an array, in document order (jsonc-parser's tolerant scanner). */
export function collectionSpans(text: string): CollectionSpan[] {
  const spans: CollectionSpan[] = [];
  let depth = 0;
  let lastKey: string | undefined;
  let current: { name: string; open: number; empty: boolean } | undefined;
  const scanner = createScanner(text, true);
  for (let kind = scanner.scan(); kind !== TOKEN.eof; kind = scanner.scan()) {
    const isClose = kind === TOKEN.closeBrace || kind === TOKEN.closeBracket;
    // Anything but a comma inside a collection's array is an event (or part of one).
    if (current && depth >= 2 && !isClose && kind !== TOKEN.comma) current.empty = false;
    if (kind === TOKEN.string) {
      if (depth === 1) lastKey = scanner.getTokenError() === UNTERMINATED_STRING ? undefined : scanner.getTokenValue();
    } else if (kind === TOKEN.openBrace || kind === TOKEN.openBracket) {
      if (kind === TOKEN.openBracket && depth === 1 && lastKey !== undefined)
        current = { name: lastKey, open: scanner.getTokenOffset(), empty: true };
      depth++;
    } else if (isClose) {
      depth = Math.max(0, depth - 1);
      if (depth === 1 && current) {
        spans.push({ ...current, close: scanner.getTokenOffset() + 1 });
        current = undefined;
        lastKey = undefined;
      }
    }
  }
  if (current) spans.push({ ...current, close: text.length });
  return spans;
}

export interface EventInsertion {
  /** Offset to insert at (just after the collection's `[`), or the whole text to replace when there is no collection. */
  readonly offset: number;
  readonly text: string;
  readonly replaceAll: boolean;
  /** Where the new event lies inside `text` (start inclusive, end exclusive). */
  readonly eventStart: number;
  readonly eventEnd: number;
}

/** Where and what to insert for a new event: in the collection around `cursor`, else the first one. */
export function eventInsertion(text: string, cursor: number, eventJson: string): EventInsertion {
  const spans = collectionSpans(text);
  const span = spans.find((s) => cursor > s.open && cursor < s.close) ?? spans[0];
  const indented = (indent: string) =>
    eventJson
      .split('\n')
      .map((line) => indent + line)
      .join('\n');
  const event = indented('    ');
  if (!span) {
    const head = '{\n  "events": [\n';
    return {
      offset: 0,
      replaceAll: true,
      text: `${head}${event}\n  ]\n}\n`,
      eventStart: head.length + 4,
      eventEnd: head.length + event.length,
    };
  }
  return {
    offset: span.open + 1,
    replaceAll: false,
    text: `\n${event}${span.empty ? '\n  ' : ','}`,
    eventStart: 5,
    eventEnd: 1 + event.length,
  };
}
