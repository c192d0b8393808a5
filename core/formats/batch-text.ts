// Writes one collection's events as batch text, one event per line, so an editor can show and lint 100,000
// of them and a diff shows which event changed.

export function batchText(batch: Readonly<Record<string, readonly unknown[]>>): string {
  const names = Object.keys(batch);
  if (names.length === 0) return '{}\n';
  const parts = names.map((name) => {
    const events = batch[name] ?? [];
    const body = events.map((event) => `    ${JSON.stringify(event) ?? 'null'}`).join(',\n');
    return `  ${JSON.stringify(name)}: ${events.length === 0 ? '[]' : `[\n${body}\n  ]`}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}
