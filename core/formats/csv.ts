// CSV fields and rows as RFC 4180 writes them: quoted when needed, quotes doubled, CRLF line ends.

/** One field: quoted when it holds a comma, a quote, a CR or an LF (or leading/trailing spaces, which readers trim); formula-like text defused. */
export function csvField(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  // Text from a server or a batch that starts like a formula would run when a spreadsheet opens the file
  // (CSV injection): a leading apostrophe keeps it text. Numbers are written as they are.
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | undefined | null)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
