// The prepare process's pipe messages: a job and an answer come out as they went in, however the pipe cuts them.
import { describe, expect, it } from 'vitest';
import { lintBatch } from '../../../../../core/rules/lint';
import { prepareJob, type PrepareJob } from '../../../../../electron/services/send/prepare-job';
import { answerMessage, AnswerReader, jobMessage, JobReader } from '../../../../../electron/services/send/prepare-wire';

/** The message's bytes cut into pieces of `size` (1: every byte a chunk of its own). */
function cut(parts: Buffer[], size: number): Buffer[] {
  const whole = Buffer.concat(parts);
  const chunks: Buffer[] = [];
  for (let at = 0; at < whole.length; at += size) chunks.push(whole.subarray(at, at + size));
  return chunks;
}

function feed(reader: { push(chunk: Buffer): boolean }, chunks: Buffer[]): void {
  chunks.forEach((chunk, i) =>
    expect(reader.push(chunk), `complete after chunk ${i + 1} of ${chunks.length}`).toBe(i === chunks.length - 1),
  );
}

/** The answer as plain values: every array (Buffer, Uint8Array, Uint32Array) a list of its numbers. */
const plain = (value: unknown): unknown =>
  ArrayBuffer.isView(value)
    ? Array.from(value as Uint8Array)
    : Array.isArray(value)
      ? value.map(plain)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
        : value;

const TEXT = JSON.stringify({
  views: [{ id: 'a', timestamp: '2026-11-27T12:00:00.000Z' }, { id: 'b', tp_source: 'x' }, { text: 'wörk 😀' }],
  clicks: [{ id: 7, n: 1 }],
});

describe('prepare wire', () => {
  it('carries a job, UTF-8 or with a lone surrogate, whatever the chunks', () => {
    const jobs: PrepareJob[] = [
      { bytes: Buffer.from(TEXT), mode: 'valid-only' },
      { bytes: Buffer.from('{"v":[{"t":"\ud800"}]}'), text: '{"v":[{"t":"\ud800"}]}', mode: 'all' },
    ];
    for (const job of jobs)
      for (const size of [1, 7, 1 << 20]) {
        const reader = new JobReader();
        feed(reader, cut(jobMessage(job), size));
        const got = reader.job();
        expect(got?.mode).toBe(job.mode);
        expect(got?.text).toBe(job.text);
        expect(Buffer.from(got?.bytes ?? []).toString('utf8')).toBe(Buffer.from(job.bytes).toString('utf8'));
      }
  });

  it('carries an answer, its arrays whole and laid over memory of their own', async () => {
    for (const mode of ['all', 'valid-only'] as const) {
      const answer = await prepareJob({ bytes: Buffer.from(TEXT), mode }, lintBatch);
      expect(answer.ok).toBe(true);
      for (const size of [1, 5, 64 * 1024]) {
        const reader = new AnswerReader();
        feed(reader, cut(answerMessage(answer), size));
        const got = reader.answer();
        expect(plain(got), `${mode}, chunks of ${size}`).toEqual(plain(answer));
        if (got?.ok) {
          expect(got.spans.starts).toBeInstanceOf(Uint32Array);
          expect(got.spans.starts.byteOffset).toBe(0);
          expect(got.excluded).toHaveLength(mode === 'valid-only' ? 1 : 0);
        }
      }
    }
  });

  it('carries a refusal, and says so when a process sends more than it announced', async () => {
    const refused = await prepareJob({ bytes: Buffer.from('{"v": [}'), mode: 'all' }, lintBatch);
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    const reader = new AnswerReader();
    feed(reader, answerMessage(refused));
    expect(reader.answer()).toEqual(refused);
    const extra = new AnswerReader();
    expect(() => extra.push(Buffer.concat([...answerMessage(refused), Buffer.from('more')]))).toThrow(
      'The prepare process sent more than it announced.',
    );
  });
});
