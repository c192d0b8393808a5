// Reads CSV with a header row into events with csv-parse: dotted headers (`customer.firstName`) become
// nested objects, columns are typed (numbers, booleans, or as the user says), empty cells are left out,
// and each bad row is reported at its line as an editor shows it while the other rows are still read.
import { parse } from 'csv-parse/sync';
import { castCell, inferCellType, type CellType, type ResolvedCellType } from './cell-type';
import { withoutBom, type FormatProblem } from './format-problem';
import { indexLines, type LineIndex } from './line-index';

export interface CsvColumn {
  readonly name: string;
  readonly type: ResolvedCellType;
}

export interface CsvEvents {
  readonly events: Record<string, unknown>[];
  /** `lines[i]` is the 1-based line where `events[i]`'s row starts. */
  readonly lines: number[];
  readonly problems: FormatProblem[];
  readonly columns: CsvColumn[];
  readonly delimiter: string;
}

export interface CsvOptions {
  /** Header → type; a header not named here is typed by its cells. */
  readonly columnTypes?: Readonly<Record<string, CellType>>;
}

interface Row {
  readonly cells: string[];
  readonly line: number;
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter the header row uses most outside quotes: `;` in much of Europe, where `,` is the decimal mark. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

// csv-parse's own messages end with "at line N", counted its way (a CRLF inside quotes counts twice).
const reasonOf = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/:?\s*(?:got "[^"]*" )?at line \d+.*$/s, '')
    .replace(/^Invalid Closing Quote$/, 'a quote closes a cell but more text follows it before the delimiter');
};

const firstFilled = (index: LineIndex, line: number): number => {
  let at = line;
  while (at < index.count - 1 && index.isBlank(at)) at++;
  return at;
};

/** Every row with the line it starts on; a row csv-parse cannot read is a problem, and reading goes on after it. */
function readRows(body: string, delimiter: string, problems: FormatProblem[]): Row[] {
  const index = indexLines(body);
  const rows: Row[] = [];
  let fromLine = 0;
  while (fromLine < index.count) {
    const baseByte = index.byteStart(fromLine);
    let endByte = 0;
    try {
      parse(body.slice(index.charStart(fromLine)), {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (record: string[], context: { bytes: number }) => {
          rows.push({ cells: record, line: firstFilled(index, index.lineAtByte(baseByte + endByte)) + 1 });
          endByte = context.bytes;
          return null;
        },
      });
      return rows;
    } catch (error) {
      const bad = firstFilled(index, index.lineAtByte(baseByte + endByte));
      const code = (error as { code?: unknown }).code;
      if (code === 'CSV_QUOTE_NOT_CLOSED') {
        problems.push({
          line: bad + 1,
          message: `Line ${bad + 1}: a quoted cell is never closed, so the rest of the file cannot be read.`,
        });
        return rows;
      }
      problems.push({ line: bad + 1, message: `Line ${bad + 1} cannot be read as CSV: ${reasonOf(error)}.` });
      fromLine = bad + 1;
    }
  }
  return rows;
}

interface HeaderColumn {
  readonly name: string;
  readonly path: string[];
  readonly position: number;
}

/** The usable header columns; an empty, repeated or clashing header is a problem and its column is left out. */
function headerColumns(cells: readonly string[], line: number, problems: FormatProblem[]): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  const seen = new Set<string>();
  cells.forEach((raw, position) => {
    const name = raw.trim();
    const path = name.split('.');
    const where = `Line ${line}, column ${position + 1}`;
    if (name === '')
      return problems.push({ line, message: `${where}: the header is empty, so the column is left out.` });
    if (path.some((part) => part === ''))
      return problems.push({
        line,
        message: `${where}: the header '${name}' has an empty part between dots, so the column is left out.`,
      });
    if (seen.has(name))
      return problems.push({
        line,
        message: `${where}: the header '${name}' repeats an earlier one, so the column is left out.`,
      });
    const clash = columns.find((c) => startsWith(c.path, path) || startsWith(path, c.path));
    if (clash)
      return problems.push({
        line,
        message: `${where}: '${name}' and '${clash.name}' cannot both be fields (one holds the other), so the column is left out.`,
      });
    seen.add(name);
    columns.push({ name, path, position });
    return undefined;
  });
  return columns;
}

const startsWith = (long: readonly string[], short: readonly string[]): boolean =>
  short.length <= long.length && short.every((part, i) => long[i] === part);

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] ?? '';
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else node = node[key] = Object.create(null) as Record<string, unknown>;
  }
  node[path[path.length - 1] ?? ''] = value;
}

export function readCsvEvents(text: string, options: CsvOptions = {}): CsvEvents {
  const body = withoutBom(text);
  const firstBreak = body.search(/\r|\n/);
  const delimiter = detectDelimiter(firstBreak < 0 ? body : body.slice(0, firstBreak));
  const problems: FormatProblem[] = [];
  const rows = readRows(body, delimiter, problems);
  const [header, ...data] = rows;
  if (!header)
    return {
      events: [],
      lines: [],
      problems: problems.concat({ message: 'The CSV file is empty: it needs a header row.' }),
      columns: [],
      delimiter,
    };
  const columns = headerColumns(header.cells, header.line, problems);
  const width = header.cells.length;
  const good = data.filter((row) => {
    if (row.cells.length === width) return true;
    problems.push({
      line: row.line,
      message: `Line ${row.line} has ${row.cells.length} cells but the header has ${width}, so the row is left out.`,
    });
    return false;
  });
  const types = columns.map((c): ResolvedCellType => {
    const asked = options.columnTypes?.[c.name];
    return asked && asked !== 'auto' ? asked : inferCellType(good.map((row) => row.cells[c.position] ?? ''));
  });
  const events: Record<string, unknown>[] = [];
  const lines: number[] = [];
  for (const row of good) {
    const event = Object.create(null) as Record<string, unknown>;
    let ok = true;
    columns.forEach((c, i) => {
      const cell = row.cells[c.position] ?? '';
      if (cell === '') return;
      const value = castCell(cell, types[i] ?? 'string');
      if (value.ok) setPath(event, c.path, value.value);
      else {
        ok = false;
        problems.push({
          line: row.line,
          message: `Line ${row.line}, column '${c.name}': ${value.problem}, so the row is left out.`,
        });
      }
    });
    if (!ok) continue;
    events.push(event);
    lines.push(row.line);
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    events,
    lines,
    problems,
    columns: columns.map((c, i) => ({ name: c.name, type: types[i] ?? 'string' })),
    delimiter,
  };
}
