// Monaco completion and hover from the collection schemas: inside `"purchases": [ { | } ]` it proposes
// that collection's properties (descriptions, types, enum values), and the allowed values after a name.
import { cursorContext } from '../../../core/schemas/cursor-context';
import { descriptionOf, enumOf, propertiesAt, subschemaAt, typeText, type SchemaProperty } from '../../../core/schemas/schema-navigation';
import { monaco } from '../../monaco/monaco';

type SchemaSource = () => Readonly<Record<string, unknown>>;

const markdownOf = (name: string, type: string | undefined, description: string | undefined, values: readonly unknown[] | undefined, required: boolean): string =>
  [
    `**${name}**${type ? `: \`${type}\`` : ''}${required ? ' (required)' : ''}`,
    description ?? '',
    values ? `Allowed: ${values.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}` : '',
  ]
    .filter((line) => line !== '')
    .join('\n\n');

function rangeOf(model: monaco.editor.ITextModel, position: monaco.Position, start?: number, end?: number): monaco.IRange {
  if (start === undefined || end === undefined) {
    const word = model.getWordUntilPosition(position);
    return new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(end);
  return new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
}

function propertySuggestion(property: SchemaProperty, range: monaco.IRange, inString: boolean): monaco.languages.CompletionItem {
  return {
    label: { label: property.name, ...(property.type ? { description: property.type } : {}) },
    kind: monaco.languages.CompletionItemKind.Property,
    detail: `${property.type ?? 'any'}${property.required ? ' · required' : ''} (schema)`,
    documentation: { value: markdownOf(property.name, property.type, property.description, property.enumValues, property.required) },
    insertText: inString ? JSON.stringify(property.name) : `${JSON.stringify(property.name)}: `,
    filterText: JSON.stringify(property.name),
    // Required properties first, then the schema's order.
    sortText: `${property.required ? '0' : '1'}-${property.name}`,
    range,
  };
}

export function registerSchemaAssist(current: SchemaSource): monaco.IDisposable {
  const completion = monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['"', ':'],
    provideCompletionItems(model, position) {
      const offset = model.getOffsetAt(position);
      const context = cursorContext(model.getValue(), offset);
      const schema = context ? current()[context.collection] : undefined;
      if (!context || schema === undefined) return { suggestions: [] };
      const inString = context.stringRange !== undefined;
      const range = rangeOf(model, position, context.stringRange?.start, context.stringRange?.end);
      if (context.position === 'key') {
        const present = new Set(context.siblings);
        const suggestions = propertiesAt(schema, context.path)
          .filter((p) => !present.has(p.name))
          .map((p) => propertySuggestion(p, range, inString));
        return { suggestions };
      }
      const target = subschemaAt(schema, context.key === undefined ? context.path : [...context.path, context.key]);
      const values = target ? enumOf(target, schema) : undefined;
      if (!values) return { suggestions: [] };
      return {
        suggestions: values.map((value, i) => ({
          label: JSON.stringify(value),
          kind: monaco.languages.CompletionItemKind.EnumMember,
          detail: `allowed by the schema of ${context.collection}`,
          insertText: JSON.stringify(value),
          sortText: String(i).padStart(4, '0'),
          range,
        })),
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
        contents: [{ value: markdownOf(context.key, typeText(property, schema), descriptionOf(property, schema), enumOf(property, schema), required) }, { value: `_Schema of \`${context.collection}\`_` }],
      };
    },
  });
  return { dispose: () => (completion.dispose(), hover.dispose()) };
}
