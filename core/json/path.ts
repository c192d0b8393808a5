// Paths into a JSON value (property names and array positions) and the two ways they are written.

/** A step into a value: a property name or an array position. */
export type PathSegment = string | number;

/** `items[0].qty`: names joined by `.`, positions as `[i]`, unescaped (spec §4's 422 `field`, and messages). */
export function pathText(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}

/** JSON Pointer of a path (RFC 6901), as the linter reports it (spec §8). */
export function jsonPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
