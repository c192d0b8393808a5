// The text a completion inserts, as Monaco snippets that always leave valid JSON: a property name with
// its colon and a placeholder value of its type, or a whole new event with the commas its neighbours
// need. Pure (no Monaco import), so the rules are unit-tested; Monaco's JSON mode follows the same ones.

/** `$`, `}` and `\` mean something in snippet syntax. */
export const escapeSnippet = (text: string): string => text.replace(/[$}\\]/g, (c) => `\\${c}`);

/** A placeholder value of the JSON type, selected so typing replaces it; unknown types get `null`. */
export function valuePlaceholder(type: string | undefined): string {
  switch (type?.split(/\s*\|\s*/)[0]) {
    case 'string':
      return '"$1"';
    case 'number':
    case 'integer':
      return '${1:0}';
    case 'boolean':
      return '${1:false}';
    case 'object':
      return '{$1}';
    case 'array':
      return '[$1]';
    default:
      return '${1:null}';
  }
}

const firstNonSpace = (text: string): string => /\S/.exec(text)?.[0] ?? '';
const lastNonSpace = (text: string): string => /(\S)\s*$/.exec(text)?.[1] ?? '';

/**
 * The snippet for property `name`, given the text after the range it replaces: only the quoted name
 * when a colon already follows, otherwise `"name": value` plus a comma when another property follows.
 */
export function propertySnippet(name: string, type: string | undefined, after: string): string {
  const quoted = escapeSnippet(JSON.stringify(name));
  const next = firstNonSpace(after);
  if (next === ':') return quoted;
  return `${quoted}: ${valuePlaceholder(type)}${next === '"' ? ',' : ''}`;
}

/** A new event `{ "id", "timestamp" }` (pretty, two-space indent) with a comma on whichever side a neighbour needs one. */
export function newEventSnippet(id: string, now: Date, before: string, after: string): string {
  const event = JSON.stringify({ id, timestamp: now.toISOString() }, null, 2);
  const previous = lastNonSpace(before);
  const next = firstNonSpace(after);
  const leading = previous !== '' && previous !== '[' && previous !== ',' ? ',' : '';
  const trailing = next !== '' && next !== ']' && next !== ',' ? ',' : '';
  return `${leading}${escapeSnippet(event)}$0${trailing}`;
}
