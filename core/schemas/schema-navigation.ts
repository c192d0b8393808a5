// Walking a collection schema for the editor: the subschema at a path inside an event, the properties
// an object may have (with descriptions and allowed values), following local `$ref`s and combinators.
import type { PathSegment } from '../json/path';
import { isJsonObject } from '../json/value';

type SchemaObject = Record<string, unknown>;

/** Follows a local `$ref` (`#/$defs/x`, `#/definitions/x`); other references are not followed. */
function resolved(schema: unknown, root: unknown, depth = 0): SchemaObject | undefined {
  if (!isJsonObject(schema)) return undefined;
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 20) return schema;
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').slice(1)) {
    const name = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isJsonObject(node) ? node[name] : Array.isArray(node) ? node[Number(name)] : undefined;
  }
  return resolved(node, root, depth + 1) ?? schema;
}

/** The schema and the alternatives it combines (allOf, anyOf, oneOf), each resolved. */
function variants(schema: unknown, root: unknown): SchemaObject[] {
  const own = resolved(schema, root);
  if (!own) return [];
  const found = [own];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = own[keyword];
    if (Array.isArray(list)) for (const sub of list) found.push(...variants(sub, root));
  }
  return found;
}

/** The schema describing the value at `path` inside an event (undefined when the schema does not say). */
export function subschemaAt(root: unknown, path: readonly PathSegment[]): SchemaObject | undefined {
  let current: unknown = root;
  for (const segment of path) {
    let next: unknown;
    for (const variant of variants(current, root)) {
      if (typeof segment === 'number') {
        const prefix = variant['prefixItems'];
        const items = variant['items'];
        next =
          Array.isArray(prefix) && segment < prefix.length
            ? prefix[segment]
            : Array.isArray(items)
              ? items[segment]
              : items;
      } else {
        const properties = variant['properties'];
        next = isJsonObject(properties) ? properties[segment] : undefined;
        if (next === undefined && isJsonObject(variant['additionalProperties'])) next = variant['additionalProperties'];
      }
      if (next !== undefined) break;
    }
    if (next === undefined) return undefined;
    current = next;
  }
  return resolved(current, root);
}

export interface SchemaProperty {
  readonly name: string;
  readonly description?: string;
  /** `string`, `number | null`, … */
  readonly type?: string;
  readonly enumValues?: readonly unknown[];
  readonly required: boolean;
  readonly schema: SchemaObject;
}

/** A short type text: `string`, `integer | null`, `"free" | "pro"`. */
export function typeText(schema: SchemaObject, root: unknown): string | undefined {
  const types = new Set<string>();
  for (const variant of variants(schema, root)) {
    const type = variant['type'];
    if (typeof type === 'string') types.add(type);
    else if (Array.isArray(type)) for (const t of type) if (typeof t === 'string') types.add(t);
    if (variant['const'] !== undefined) types.add(JSON.stringify(variant['const']));
    const format = variant['format'];
    if (typeof format === 'string' && types.has('string')) {
      types.delete('string');
      types.add(`string (${format})`);
    }
  }
  return types.size === 0 ? undefined : [...types].join(' | ');
}

export function enumOf(schema: SchemaObject, root: unknown): readonly unknown[] | undefined {
  for (const variant of variants(schema, root)) {
    if (Array.isArray(variant['enum'])) return variant['enum'];
    if (variant['const'] !== undefined) return [variant['const']];
  }
  return undefined;
}

export function descriptionOf(schema: SchemaObject, root: unknown): string | undefined {
  for (const variant of variants(schema, root)) {
    const description = variant['description'];
    if (typeof description === 'string' && description.trim() !== '') return description;
  }
  return undefined;
}

/** The properties the object at `path` may have, in the schema's order, required ones first. */
export function propertiesAt(root: unknown, path: readonly PathSegment[]): SchemaProperty[] {
  const object = path.length === 0 ? resolved(root, root) : subschemaAt(root, path);
  if (!object) return [];
  const found = new Map<string, SchemaProperty>();
  const required = new Set<string>();
  for (const variant of variants(object, root)) {
    const names = variant['required'];
    if (Array.isArray(names)) for (const name of names) if (typeof name === 'string') required.add(name);
  }
  for (const variant of variants(object, root)) {
    const properties = variant['properties'];
    if (!isJsonObject(properties)) continue;
    for (const [name, raw] of Object.entries(properties)) {
      if (found.has(name)) continue;
      const schema = resolved(raw, root) ?? {};
      const description = descriptionOf(schema, root);
      const type = typeText(schema, root);
      const enumValues = enumOf(schema, root);
      found.set(name, {
        name,
        required: required.has(name),
        schema,
        ...(description !== undefined ? { description } : {}),
        ...(type !== undefined ? { type } : {}),
        ...(enumValues !== undefined ? { enumValues } : {}),
      });
    }
  }
  return [...found.values()].sort((a, b) => Number(b.required) - Number(a.required));
}
