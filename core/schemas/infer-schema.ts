// A collection's events → a draft 2020-12 schema describing them, the quick way to start a tracking plan
// from real data: types (a union when mixed), required = present in every event, enums for
// low-cardinality strings, formats, nested objects and arrays. Descriptions are left for a person to write.
import { format } from '@cfworker/json-schema';
import { isJsonObject } from '../json/value';

const VALIDATOR_FORMATS = format as Record<string, ((value: string) => boolean) | undefined>;

export const SCHEMA_DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

export interface InferOptions {
  /** A string property becomes an enum when it has at most this many distinct values… */
  readonly maxEnumValues?: number;
  /** …over at least this many values (fewer prove nothing). */
  readonly minEnumSamples?: number;
  /** The schema's title: usually the collection name. */
  readonly title?: string;
}

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'object' | 'array';
const TYPE_ORDER: readonly JsonType[] = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];

// The validator's own format checks, so an inferred format never rejects the events it came from. A uri
// must also have `://` here: the validator takes any `scheme:rest`, and `note:x` is rarely meant as a URI.
const FORMATS: readonly (readonly [string, (value: string) => boolean])[] = [
  ['date-time', (v) => (VALIDATOR_FORMATS['date-time'] as (value: string) => boolean)(v)],
  ['uuid', (v) => (VALIDATOR_FORMATS['uuid'] as (value: string) => boolean)(v)],
  ['email', (v) => (VALIDATOR_FORMATS['email'] as (value: string) => boolean)(v)],
  ['uri', (v) => v.includes('://') && (VALIDATOR_FORMATS['uri'] as (value: string) => boolean)(v)],
];

/** What the values seen at one place of the events have in common. */
class Shape {
  values = 0;
  readonly types = new Set<JsonType>();
  strings = 0;
  readonly distinct = new Set<string>();
  tooMany = false;
  formats: Set<string> | undefined;
  objects = 0;
  readonly properties = new Map<string, Shape>();
  readonly present = new Map<string, number>();
  items: Shape | undefined;

  constructor(private readonly maxEnumValues: number) {}

  add(value: unknown): void {
    this.values++;
    if (value === null) this.types.add('null');
    else if (typeof value === 'boolean') this.types.add('boolean');
    else if (typeof value === 'number') this.types.add(Number.isInteger(value) ? 'integer' : 'number');
    else if (typeof value === 'string') this.addString(value);
    else if (Array.isArray(value)) {
      this.types.add('array');
      this.items ??= new Shape(this.maxEnumValues);
      for (const item of value) this.items.add(item);
    } else if (typeof value === 'object') {
      this.types.add('object');
      this.objects++;
      for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
        let shape = this.properties.get(name);
        if (!shape) {
          shape = new Shape(this.maxEnumValues);
          this.properties.set(name, shape);
        }
        shape.add(child);
        this.present.set(name, (this.present.get(name) ?? 0) + 1);
      }
    }
  }

  private addString(value: string): void {
    this.types.add('string');
    this.strings++;
    if (!this.tooMany) {
      this.distinct.add(value);
      if (this.distinct.size > this.maxEnumValues) {
        this.tooMany = true;
        this.distinct.clear();
      }
    }
    // Only as long as a format is still possible: most strings rule every format out at once.
    if (this.formats && this.formats.size === 0) return;
    const matching = FORMATS.filter(([name, test]) => (!this.formats || this.formats.has(name)) && test(value)).map(
      ([name]) => name,
    );
    if (!this.formats) this.formats = new Set(matching);
    else for (const name of this.formats) if (!matching.includes(name)) this.formats.delete(name);
  }
}

function schemaOf(shape: Shape, options: Required<Omit<InferOptions, 'title'>>): Record<string, unknown> {
  const types = new Set(shape.types);
  // 1 and 1.5 in one place: a number, of which integers are a part.
  if (types.has('number')) types.delete('integer');
  const ordered = TYPE_ORDER.filter((t) => types.has(t));
  const schema: Record<string, unknown> = { description: '' };
  if (ordered.length === 1) schema['type'] = ordered[0];
  else if (ordered.length > 1) schema['type'] = ordered;
  if (types.has('string')) {
    const format = shape.formats ? FORMATS.map(([name]) => name).find((name) => shape.formats?.has(name)) : undefined;
    if (format) schema['format'] = format;
    else if (!shape.tooMany && shape.strings >= options.minEnumSamples && shape.distinct.size > 0) {
      schema['enum'] = [...shape.distinct].sort();
      // An enum lists strings only: a null seen beside them stays allowed.
      if (types.has('null')) (schema['enum'] as unknown[]).push(null);
    }
  }
  if (types.has('object')) {
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const [name, child] of shape.properties) {
      properties[name] = schemaOf(child, options);
      if (shape.present.get(name) === shape.objects) required.push(name);
    }
    schema['properties'] = properties;
    if (required.length > 0) schema['required'] = required;
  }
  if (types.has('array') && shape.items && shape.items.values > 0) schema['items'] = schemaOf(shape.items, options);
  return schema;
}

/** Infers a draft 2020-12 schema for a collection from its events (objects only; other values are skipped). */
export function inferSchema(events: readonly unknown[], options: InferOptions = {}): Record<string, unknown> {
  const settings = { maxEnumValues: options.maxEnumValues ?? 10, minEnumSamples: options.minEnumSamples ?? 20 };
  const shape = new Shape(settings.maxEnumValues);
  for (const event of events) if (isJsonObject(event)) shape.add(event);
  const body = schemaOf(shape, settings);
  body['type'] = 'object';
  body['properties'] ??= {};
  return {
    $schema: SCHEMA_DRAFT_2020_12,
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...body,
  };
}
