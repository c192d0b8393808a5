// A bridge answer written as JSON in pieces, with turns of the event loop between them: the report of a large
// send is tens of MB (each request's response text, each attempt's previews), and one JSON.stringify with one
// write of it held the host's loop for a second. The bytes are those of JSON.stringify (plain data only).
import type { ServerResponse } from 'node:http';
import { createSlicer } from '../services/slices';

/** Text gathered before it is written out (and the most an answer can be to go in one write). */
const PIECE_CHARS = 256 * 1024;
/** Containers this deep and deeper are written with one JSON.stringify: their pieces are small enough. */
const SPLIT_DEPTH = 3;

type Container = readonly unknown[] | Readonly<Record<string, unknown>>;

/** An array, or an object JSON.stringify writes key by key (no toJSON of its own, no class). */
function splittable(value: unknown): value is Container {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}

/** The JSON text of `value` in pieces; undefined for what JSON.stringify leaves out (undefined, functions). */
function* jsonPieces(value: unknown, depth: number): Generator<string, boolean> {
  if (depth >= SPLIT_DEPTH || !splittable(value)) {
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) return false;
    yield text;
    return true;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      // JSON.stringify writes null for an array item it would leave out of an object.
      if (!(yield* jsonPieces(value[i], depth + 1))) yield 'null';
    }
    yield ']';
    return true;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item, depth + 1);
  }
  yield '}';
  return true;
}

/** Writes `body` as the JSON answer: in one write when it is small, else in pieces over several turns. */
export async function writeJsonAnswer(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): Promise<void> {
  const slicer = createSlicer();
  let text = '';
  let started = false;
  for (const piece of jsonPieces(body, 0)) {
    text += piece;
    if (text.length < PIECE_CHARS) continue;
    if (!started) response.writeHead(status, headers);
    started = true;
    response.write(text);
    text = '';
    await slicer.pause();
  }
  if (!started) response.writeHead(status, headers);
  response.end(text);
}
