// Copy as curl: the command repeats the request, and never carries the key or its masked hint.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { curlCommand } from '../../../../../renderer/features/send/curl-command';

const attempt = {
  method: 'POST',
  url: 'http://127.0.0.1:8787/events',
  headers: { 'X-Project-Id': 'p-1', 'X-Api-Key': '••••WXYZ', 'Content-Type': 'application/json' },
};

describe('curlCommand', () => {
  it('puts $CONNECT_API_KEY where the key goes, never the hint', () => {
    const command = curlCommand(attempt, '{"a":[{"id":"x"}]}');
    expect(command).toContain('-H "X-Api-Key: $CONNECT_API_KEY"');
    expect(command).not.toContain('WXYZ');
    expect(command).not.toContain('••••');
    expect(command).toContain("-H 'X-Project-Id: p-1'");
    expect(command.startsWith("curl -X POST 'http://127.0.0.1:8787/events'")).toBe(true);
  });
  it('quotes the body so a shell passes it through unchanged', () => {
    const body = `{"note":"it's $HOME \`date\` \\"quoted\\""}`;
    const command = curlCommand(attempt, body);
    // The shell's own reading of the --data-binary argument, by printing it with printf.
    const argument = command.split('--data-binary ')[1] ?? '';
    const printed = execFileSync('sh', ['-c', `printf %s ${argument}`], {
      encoding: 'utf8',
      env: { HOME: '/nowhere' },
    });
    expect(printed).toBe(body);
  });
  it('leaves out an empty body', () => {
    expect(curlCommand(attempt, '')).not.toContain('--data-binary');
  });
});
