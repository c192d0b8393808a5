// One import job and its answer as they cross to the import worker and back: plain data, so a failure
// keeps its code and its message (the same the user reads when the work runs in main).
import type { ImportOptions, ImportPreview, ImportResult } from '../../contract/channels';
import type { ErrorCode } from '../../contract/channels';
import { CallFailure } from '../../contract/handlers';
import { importApplyOf, importPreviewOf, type ImportPreviewInput } from './import-work';

export type ImportJob = { kind: 'preview'; options: ImportPreviewInput } | { kind: 'apply'; options: ImportOptions };

export type ImportAnswer =
  { ok: true; value: ImportPreview | ImportResult } | { ok: false; code?: ErrorCode; message: string };

export function answerJob(job: ImportJob, newId: () => string): ImportAnswer {
  try {
    const value = job.kind === 'preview' ? importPreviewOf(job.options, newId) : importApplyOf(job.options, newId);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof CallFailure) return { ok: false, code: error.code, message: error.message };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The failure an answer stands for: a CallFailure when it had a code, else a plain error, as in main. */
export function answerFailure(answer: { code?: ErrorCode; message: string }): Error {
  return answer.code ? new CallFailure(answer.code, answer.message) : new Error(answer.message);
}
