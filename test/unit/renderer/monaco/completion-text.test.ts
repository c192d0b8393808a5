// Completion texts leave valid JSON: the property's colon and value, the new event's commas.
import { describe, expect, it } from 'vitest';
import { newEventSnippet, propertySnippet, valuePlaceholder } from '../../../../renderer/monaco/completion-text';

/** A snippet as it reads once accepted with the placeholders left as they are. */
const expand = (snippet: string) =>
  snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');

describe('propertySnippet', () => {
  it('inserts the name, a colon and a value of its type', () => {
    expect(propertySnippet('product', 'string', '\n}')).toBe('"product": "$1"');
    expect(propertySnippet('price', 'number', ' }')).toBe('"price": ${1:0}');
    expect(propertySnippet('tags', 'array', '}')).toBe('"tags": [$1]');
    expect(propertySnippet('x', undefined, '}')).toBe('"x": ${1:null}');
  });
  it('adds a comma when another property follows, and no colon when one is already there', () => {
    expect(propertySnippet('product', 'string', '\n  "price": 1 }')).toBe('"product": "$1",');
    expect(propertySnippet('product', 'string', ' : "a" }')).toBe('"product"');
  });
  it('leaves valid JSON in an object', () => {
    for (const type of ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null', undefined]) {
      expect(() => JSON.parse(`{ ${expand(propertySnippet('a$b}', type, ' "z": 1 }'))} "z": 1 }`)).not.toThrow();
    }
    expect(valuePlaceholder('string | null')).toBe('"$1"');
  });
});

describe('newEventSnippet', () => {
  const now = new Date('2026-01-05T10:00:00.123Z');
  it('is a complete event with the id and the time in milliseconds', () => {
    expect(JSON.parse(expand(newEventSnippet('u-1', now, '{ "a": [', ']}')))).toEqual({
      id: 'u-1',
      timestamp: '2026-01-05T10:00:00.123Z',
    });
  });
  it('adds the commas its neighbours need', () => {
    const first = `{ "a": [${expand(newEventSnippet('u-1', now, '{ "a": [', ' { "id": 2 } ] }'))} { "id": 2 } ] }`;
    expect(JSON.parse(first).a).toHaveLength(2);
    const last = `{ "a": [ { "id": 2 } ${expand(newEventSnippet('u-1', now, '{ "a": [ { "id": 2 } ', ']}'))}]}`;
    expect(JSON.parse(last).a).toHaveLength(2);
  });
});
