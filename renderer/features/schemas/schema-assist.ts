// Monaco completion and hover for batches: inside `"purchases": [ { | } ]` it proposes that collection's
// properties from its schema (descriptions, types, enum values) or, without one, the names its other
// events use; after a name the allowed values, "now" for a timestamp; between events a complete new event.
import { getLocation } from 'jsonc-parser';
import { cursorContext, type CursorContext } from '../../../core/schemas/cursor-context';
import {
  descriptionOf,
  enumOf,
  propertiesAt,
  subschemaAt,
  typeText,
  type SchemaProperty,
} from '../../../core/schemas/schema-navigation';
import { plural } from '../../../core/text/plural';
import { escapeSnippet, newEventSnippet, propertySnippet } from '../../monaco/completion-text';
import { LARGE_DOCUMENT_CHARS } from '../../monaco/json-language';
import { monaco } from '../../monaco/monaco';
import { siblingProperties } from './sibling-properties';

type SchemaSource = () => Readonly<Record<string, unknown>>;

const markdownOf = (
  name: string,
  type: string | undefined,
  description: string | undefined,
  values: readonly unknown[] | undefined,
  required: boolean,
): string =>
  [
    `**${name}**${type ? `: \`${type}\`` : ''}${required ? ' (required)' : ''}`,
    description ?? '',
    values ? `Allowed: ${values.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}` : '',
  ]
    .filter((line) => line !== '')
    .join('\n\n');

function rangeOf(
  model: monaco.editor.ITextModel,
  position: monaco.Position,
  start?: number,
  end?: number,
): monaco.IRange {
  if (start === undefined || end === undefined) {
    const word = model.getWordUntilPosition(position);
    return new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(end);
  return new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
}

function propertySuggestion(
  property: SchemaProperty,
  range: monaco.IRange,
  after: string,
): monaco.languages.CompletionItem {
  return {
    label: { label: property.name, ...(property.type ? { description: property.type } : {}) },
    kind: monaco.languages.CompletionItemKind.Property,
    detail: `${property.type ?? 'any'}${property.required ? ' · required' : ''} (schema)`,
    documentation: {
      value: markdownOf(property.name, property.type, property.description, property.enumValues, property.required),
    },
    insertText: propertySnippet(property.name, property.type, after),
    insertTextRules: SNIPPET,
    filterText: JSON.stringify(property.name),
    // Required properties first, then the schema's order.
    sortText: `${property.required ? '0' : '1'}-${property.name}`,
    range,
  };
}

const SNIPPET = monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet;

/** The range a property completion replaces and the text after it (an unclosed string ends at the cursor's line). */
function keyTarget(
  model: monaco.editor.ITextModel,
  position: monaco.Position,
  context: CursorContext,
): { range: monaco.IRange; after: string } {
  const text = model.getValue();
  const offset = model.getOffsetAt(position);
  let end = context.stringRange?.end;
  if (end !== undefined && text.slice(offset, end).includes('\n')) end = offset;
  const range = rangeOf(model, position, context.stringRange?.start, end);
  return {
    range,
    after: text.slice(model.getOffsetAt({ lineNumber: range.endLineNumber, column: range.endColumn }), offset + 200),
  };
}

function inferredSuggestion(
  name: string,
  types: readonly string[],
  count: number,
  range: monaco.IRange,
  after: string,
): monaco.languages.CompletionItem {
  const type = types.join(' | ');
  return {
    label: { label: name, description: type },
    kind: monaco.languages.CompletionItemKind.Property,
    documentation: `${type}: used by ${plural(count, 'other event')} of this collection.`,
    insertText: propertySnippet(name, types.length === 1 ? types[0] : undefined, after),
    insertTextRules: SNIPPET,
    filterText: JSON.stringify(name),
    sortText: `1-${String(1_000_000 - Math.min(count, 999_999)).padStart(7, '0')}-${name}`,
    range,
  };
}

const labelOf = (item: monaco.languages.CompletionItem): string =>
  typeof item.label === 'string' ? item.label : item.label.label;

/** `id` and `timestamp` at an event's root, filled in: a fresh UUID and the current UTC time. */
function builtInSuggestions(
  range: monaco.IRange,
  after: string,
  present: ReadonlySet<string>,
): monaco.languages.CompletionItem[] {
  const values: Record<string, { value: string; detail: string }> = {
    id: { value: crypto.randomUUID(), detail: 'A fresh UUID: a resend of this event is then reported as a duplicate' },
    timestamp: { value: new Date().toISOString(), detail: 'The current time in UTC, with milliseconds' },
  };
  return Object.entries(values)
    .filter(([name]) => !present.has(name))
    .map(([name, { value, detail }]) => ({
      label: { label: name, description: 'string' },
      kind: monaco.languages.CompletionItemKind.Property,
      documentation: detail,
      insertText: propertySnippet(name, 'string', after).replace('"$1"', escapeSnippet(JSON.stringify(value))),
      insertTextRules: SNIPPET,
      filterText: JSON.stringify(name),
      sortText: `0-${name}`,
      range,
    }));
}

/** Property names at the cursor: from the collection's schema when it has one, else from its sibling events. */
function keySuggestions(
  model: monaco.editor.ITextModel,
  position: monaco.Position,
  context: CursorContext,
  schema: unknown,
): monaco.languages.CompletionItem[] {
  const present = new Set(context.siblings);
  const { range, after } = keyTarget(model, position, context);
  const builtIn = context.path.length === 0 ? builtInSuggestions(range, after, present) : [];
  const named = (names: ReadonlySet<string>) => builtIn.filter((item) => !names.has(labelOf(item)));
  if (schema !== undefined) {
    const properties = propertiesAt(schema, context.path).filter((p) => !present.has(p.name));
    // The schema's own description of id or timestamp wins over the built-in one.
    return [
      ...named(new Set(properties.map((p) => p.name))),
      ...properties.map((p) => propertySuggestion(p, range, after)),
    ];
  }
  if (model.getValueLength() > LARGE_DOCUMENT_CHARS) return builtIn;
  const builtInNames = new Set(builtIn.map(labelOf));
  return [
    ...builtIn,
    ...siblingProperties(model.getValue(), context.collection, context.index, context.path)
      .filter(
        (p) =>
          !present.has(p.name) &&
          !builtInNames.has(p.name) &&
          !(context.path.length === 0 && (p.name === 'id' || p.name === 'timestamp')),
      )
      .map((p) => inferredSuggestion(p.name, p.types, p.count, range, after)),
  ];
}

/** "now" after `"timestamp": `, as the current UTC time with milliseconds. */
function nowSuggestion(range: monaco.IRange): monaco.languages.CompletionItem {
  const now = JSON.stringify(new Date().toISOString());
  return {
    label: { label: 'now', description: now },
    kind: monaco.languages.CompletionItemKind.Value,
    documentation: 'The current time in UTC, with milliseconds.',
    insertText: now,
    filterText: `"now" ${now}`,
    sortText: '0',
    range,
  };
}

/** Between the events of a collection (`"purchases": [|`): a complete new event, valid as it lands. */
function newEventSuggestion(
  model: monaco.editor.ITextModel,
  position: monaco.Position,
): monaco.languages.CompletionItem | undefined {
  const text = model.getValue();
  const offset = model.getOffsetAt(position);
  const location = getLocation(text, offset);
  const [collection, index, ...inside] = location.path;
  if (typeof collection !== 'string' || typeof index !== 'number' || inside.length > 0) return undefined;
  // Inside a value already being written (a string, a number): not between events.
  if (location.previousNode && location.previousNode.offset + location.previousNode.length > offset) return undefined;
  const word = model.getWordUntilPosition(position);
  const id = crypto.randomUUID();
  return {
    // Only the label shows in the row: its accessible name then contains all its visible text (axe).
    label: 'New event',
    kind: monaco.languages.CompletionItemKind.Snippet,
    documentation: `A new event of ${collection} with a fresh id and the current UTC time.`,
    insertText: newEventSnippet(id, new Date(), text.slice(0, offset), text.slice(offset, offset + 200)),
    insertTextRules: SNIPPET,
    sortText: '0',
    preselect: true,
    range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
  };
}

export function registerSchemaAssist(current: SchemaSource): monaco.IDisposable {
  const completion = monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"', ':', '['],
    provideCompletionItems(model, position) {
      const offset = model.getOffsetAt(position);
      const context = cursorContext(model.getValue(), offset);
      if (!context) {
        const event = newEventSuggestion(model, position);
        return { suggestions: event ? [event] : [] };
      }
      const schema = current()[context.collection];
      if (context.position === 'key') return { suggestions: keySuggestions(model, position, context, schema) };
      const range = rangeOf(model, position, context.stringRange?.start, context.stringRange?.end);
      const now = context.path.length === 0 && context.key === 'timestamp' ? [nowSuggestion(range)] : [];
      if (schema === undefined) return { suggestions: now };
      const target = subschemaAt(schema, context.key === undefined ? context.path : [...context.path, context.key]);
      const values = target ? enumOf(target, schema) : undefined;
      if (!values) return { suggestions: now };
      return {
        suggestions: [
          ...now,
          ...values.map((value, i) => ({
            label: JSON.stringify(value),
            kind: monaco.languages.CompletionItemKind.EnumMember,
            detail: `allowed by the schema of ${context.collection}`,
            insertText: JSON.stringify(value),
            sortText: String(i + 1).padStart(4, '0'),
            range,
          })),
        ],
      };
    },
  });
  const hover = monaco.languages.registerHoverProvider('json', {
    provideHover(model, position) {
      const offset = model.getOffsetAt(position);
      const context = cursorContext(model.getValue(), offset);
      if (!context || context.position !== 'key' || context.key === undefined || !context.stringRange) return null;
      const schema = current()[context.collection];
      const property = schema === undefined ? undefined : subschemaAt(schema, [...context.path, context.key]);
      if (!property) return null;
      const required = propertiesAt(schema, context.path).find((p) => p.name === context.key)?.required ?? false;
      return {
        range: rangeOf(model, position, context.stringRange.start, context.stringRange.end),
        contents: [
          {
            value: markdownOf(
              context.key,
              typeText(property, schema),
              descriptionOf(property, schema),
              enumOf(property, schema),
              required,
            ),
          },
          { value: `_Schema of \`${context.collection}\`_` },
        ],
      };
    },
  });
  return { dispose: () => (completion.dispose(), hover.dispose()) };
}
