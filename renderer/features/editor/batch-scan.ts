// A small forward scan of batch text that knows where each collection's array opens and which
// collection encloses an offset: enough to insert an event where the cursor is, without a parse.

export interface CollectionSpan {
  readonly name: string;
  /** Offset of the collection's `[`. */
  readonly open: number;
  /** Offset just after its `]`, or the text's length when unclosed. */
  readonly close: number;
  readonly empty: boolean;
}

/** The top-level collections whose value is an array, in document order. */
export function collectionSpans(text: string): CollectionSpan[] {
  const spans: CollectionSpan[] = [];
  const stack: string[] = [];
  let lastKey: string | undefined;
  let current: { name: string; open: number; empty: boolean } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (stack.length === 1) {
        try {
          lastKey = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          lastKey = undefined;
        }
      }
      if (current && stack.length >= 2) current.empty = false;
      i = j;
      continue;
    }
    if (ch === '{' || ch === '[') {
      if (current && stack.length >= 2) current.empty = false;
      if (ch === '[' && stack.length === 1 && lastKey !== undefined) current = { name: lastKey, open: i, empty: true };
      stack.push(ch);
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      if (stack.length === 1 && current) {
        spans.push({ ...current, close: i + 1 });
        current = undefined;
        lastKey = undefined;
      }
    } else if (current && stack.length >= 2 && ch !== undefined && !/\s|,/.test(ch)) {
      current.empty = false;
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
  const indented = (indent: string) => eventJson.split('\n').map((line) => indent + line).join('\n');
  const event = indented('    ');
  if (!span) {
    const head = '{\n  "events": [\n';
    return { offset: 0, replaceAll: true, text: `${head}${event}\n  ]\n}\n`, eventStart: head.length + 4, eventEnd: head.length + event.length };
  }
  return { offset: span.open + 1, replaceAll: false, text: `\n${event}${span.empty ? '\n  ' : ','}`, eventStart: 5, eventEnd: 1 + event.length };
}
