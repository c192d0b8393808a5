// Without a schema, completion learns from the batch itself: the property names (and JSON types) that
// the other events of the same collection use at the same path. A tolerant parse (jsonc-parser), so the
// half-written event being typed does not hide its siblings.
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { PathSegment } from '../../../core/json/path';

export interface SiblingProperty {
  readonly name: string;
  /** JSON types seen for it, in the order first seen: "string", "number", "object", ... */
  readonly types: readonly string[];
  /** How many sibling events have it. */
  readonly count: number;
}

/** Looking at more events than this only costs time: the names of a collection repeat. */
const MAX_EVENTS = 2_000;

const typeOf = (node: Node): string => (node.type === 'number' && Number.isInteger(node.value) ? 'integer' : node.type);

/** The properties the events of `collection` (except the one at `index`) have at `path`, most used first. */
export function siblingProperties(
  text: string,
  collection: string,
  index: number,
  path: readonly PathSegment[],
): SiblingProperty[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const events = root ? findNodeAtLocation(root, [collection]) : undefined;
  if (events?.type !== 'array' || !events.children) return [];
  const found = new Map<string, { types: string[]; count: number }>();
  events.children.slice(0, MAX_EVENTS).forEach((event, i) => {
    if (i === index) return;
    const target = path.length === 0 ? event : findNodeAtLocation(event, [...path]);
    if (target?.type !== 'object') return;
    for (const property of target.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key?.type !== 'string' || typeof key.value !== 'string' || !value) continue;
      const entry = found.get(key.value) ?? { types: [], count: 0 };
      const type = typeOf(value);
      if (!entry.types.includes(type)) entry.types.push(type);
      entry.count += 1;
      found.set(key.value, entry);
    }
  });
  return [...found].map(([name, entry]) => ({ name, ...entry })).sort((a, b) => b.count - a.count);
}
