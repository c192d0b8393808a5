// batch-studio import FILE --collection NAME: turns NDJSON, CSV, a JSON array or a Connect export into a
// batch for one collection (ids added and timestamps shifted on request); problems on stderr by line.
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { batchText } from '../../../core/formats/batch-text';
import { importEvents, type ImportFormat } from '../../../core/formats/import-events';
import { count } from '../../../core/text/plural';
import { EXIT, UsageError, type CliIo } from '../io';
import { fileErrorReason, readFlags } from '../command-line';

const FORMATS: readonly ImportFormat[] = ['ndjson', 'csv', 'json', 'export'];
const PROBLEMS_SHOWN = 200;

const isFormat = (text: string): text is ImportFormat => (FORMATS as readonly string[]).includes(text);

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = readFlags(argv, {
    collection: { type: 'string' },
    format: { type: 'string' },
    'add-ids': { type: 'boolean', default: false },
    'shift-timestamps': { type: 'string' },
    'latest-at': { type: 'string' },
    out: { type: 'string' },
    'user-data': { type: 'string' },
  });
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'name the file to import.' : 'import one file at a time.');
  const file = positionals[0] as string;
  if (!values.collection) throw new UsageError('name the collection the events go to with --collection NAME.');
  if (!values.out) throw new UsageError('name the batch file to write with --out OUT.json.');
  if (values.format !== undefined && !isFormat(values.format))
    throw new UsageError(`--format takes ${FORMATS.join(', ')}.`);
  if (values['shift-timestamps'] !== undefined && values['latest-at'] !== undefined)
    throw new UsageError('shift by a duration (--shift-timestamps) or to a time (--latest-at), not both.');

  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    io.stderr(`batch-studio import: cannot read '${file}': ${fileErrorReason(error)}.\n`);
    return EXIT.usage;
  }
  const shift =
    values['shift-timestamps'] !== undefined
      ? { by: values['shift-timestamps'] }
      : values['latest-at'] !== undefined
        ? { latestAt: values['latest-at'] }
        : undefined;
  const result = importEvents(
    {
      text,
      fileName: file,
      ...(values.format !== undefined ? { format: values.format as ImportFormat } : {}),
      addIds: values['add-ids'] === true,
      ...(shift ? { shift } : {}),
    },
    { newId: randomUUID },
  );
  if (!('format' in result)) {
    // The whole file or an option is unusable: nothing to write.
    for (const p of result.problems) io.stderr(`batch-studio import: ${file}: ${p.message}\n`);
    return EXIT.usage;
  }
  const shown = result.problems.slice(0, PROBLEMS_SHOWN);
  for (const p of shown)
    io.stderr(
      `${file}${p.line !== undefined ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : ''} ${p.message}\n`,
    );
  if (result.problems.length > shown.length)
    io.stderr(`… and ${count(result.problems.length - shown.length)} more problems.\n`);

  const batch = Object.create(null) as Record<string, unknown[]>;
  batch[values.collection] = result.events;
  try {
    await writeFile(resolve(io.cwd, values.out), batchText(batch));
  } catch (error) {
    io.stderr(`batch-studio import: cannot write '${values.out}': ${fileErrorReason(error)}.\n`);
    return EXIT.usage;
  }
  const ids = result.idsAdded > 0 ? `, ${count(result.idsAdded)} ids added` : '';
  const left =
    result.leftOut > 0
      ? `; ${count(result.leftOut)} ${result.leftOut === 1 ? 'problem' : 'problems'} left data out`
      : '';
  io.stderr(
    `Imported ${count(result.events.length)} events from ${file} (${result.format}) into '${values.collection}'${ids}${left}: ${values.out}\n`,
  );
  return result.leftOut > 0 ? EXIT.failed : EXIT.ok;
}
