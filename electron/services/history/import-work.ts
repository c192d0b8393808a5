// Turning an import file into a preview or a batch: the same pure work in main (tests, fallback) and in the import worker.
import { batchText } from '../../../core/formats/batch-text';
import { importEvents } from '../../../core/formats/import-events';
import type { ImportOptions, ImportPreview, ImportResult } from '../../contract/channels';
import { CallFailure } from '../../contract/handlers';

export type ImportPreviewInput = ImportOptions & { rows: number };

function imported(input: ImportOptions, newId: () => string) {
  const result = importEvents(
    {
      text: input.text,
      ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}),
      addIds: input.addIds,
      ...(input.shift !== undefined ? { shift: input.shift } : {}),
      ...(input.columnTypes !== undefined ? { columnTypes: input.columnTypes } : {}),
    },
    { newId },
  );
  if (!('format' in result))
    throw new CallFailure('invalid', result.problems[0]?.message ?? 'The file cannot be imported.');
  return result;
}

export function importPreviewOf(input: ImportPreviewInput, newId: () => string): ImportPreview {
  const result = imported(input, newId);
  return {
    format: result.format,
    events: result.events.slice(0, input.rows),
    total: result.events.length,
    problems: result.problems.map((p) => ({ ...p })),
    ...(result.columns ? { columns: result.columns } : {}),
  };
}

export function importApplyOf(input: ImportOptions, newId: () => string): ImportResult {
  const result = imported(input, newId);
  const batch = Object.create(null) as Record<string, unknown[]>;
  batch[input.collection] = result.events;
  return {
    eventsText: batchText(batch),
    count: result.events.length,
    problems: result.problems.map((p) => ({ ...p })),
  };
}
