// Reads a JSON array of events (`[{...}, {...}]`), the shape most tools export.
import { jsonErrorReason, withoutBom, type FormatProblem } from './format-problem';

export interface ArrayEvents {
  readonly events: unknown[];
  readonly problems: FormatProblem[];
}

export function readJsonArray(text: string): ArrayEvents {
  let value: unknown;
  try {
    value = JSON.parse(withoutBom(text));
  } catch (error) {
    return { events: [], problems: [{ message: `The file is not valid JSON: ${jsonErrorReason(error)}` }] };
  }
  if (!Array.isArray(value))
    return { events: [], problems: [{ message: 'The file is JSON but not an array of events.' }] };
  return { events: value, problems: [] };
}
