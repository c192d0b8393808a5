// Reads the answer of a Connect export (`GET /events/:collection/export`, spec §6): `{"results": [...]}`.
import { isJsonObject } from '../json/value';
import { jsonErrorReason, withoutBom, type FormatProblem } from './format-problem';

export interface ExportEvents {
  readonly events: unknown[];
  readonly problems: FormatProblem[];
}

export function readConnectExport(text: string): ExportEvents {
  let value: unknown;
  try {
    value = JSON.parse(withoutBom(text));
  } catch (error) {
    return { events: [], problems: [{ message: `The file is not valid JSON: ${jsonErrorReason(error)}` }] };
  }
  const results = isJsonObject(value) ? value['results'] : undefined;
  if (!Array.isArray(results))
    return { events: [], problems: [{ message: 'The file is not a Connect export: it needs a "results" array.' }] };
  return { events: results, problems: [] };
}
