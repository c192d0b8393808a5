// Batch texts handed over in pieces (`send:stage`) so that no single call carries a whole large batch: each
// stage is bounded in size, only a few are held, and one is dropped when a send takes it or is cancelled.
import { MAX_OPEN_BYTES } from '../../../core/formats/decode-text-file';
import { CallFailure } from '../../contract/handlers';

/** The longest text a stage holds (characters): no file the app opens is longer. */
export const MAX_STAGE_CHARS = MAX_OPEN_BYTES;

/** Stages held at once; beginning another drops the oldest (a renderer cannot make main hold more). */
export const STAGES_KEPT = 2;

/** Ids of cancelled stages remembered, so pieces still on their way are refused rather than start a new one. */
const CANCELLED_KEPT = 16;

export interface TextStages {
  /** Appends a piece; the stage's length so far. */
  append(stageId: string, piece: string): number;
  /** The whole text in its pieces (never joined: one copy of 100 MB), and the stage dropped; not-found when no such stage is held. */
  take(stageId: string): readonly string[];
  /** Drops the stage (its send was cancelled); true when one was held. */
  drop(stageId: string): boolean;
}

interface Stage {
  readonly pieces: string[];
  chars: number;
}

export function createTextStages(limits: { maxChars?: number; kept?: number } = {}): TextStages {
  const maxChars = limits.maxChars ?? MAX_STAGE_CHARS;
  const kept = limits.kept ?? STAGES_KEPT;
  const stages = new Map<string, Stage>();
  const cancelled = new Set<string>();

  const begin = (stageId: string): Stage => {
    if (cancelled.has(stageId))
      throw new CallFailure('cancelled', `The send of stage ${stageId} was cancelled; its text is no longer taken.`);
    const stage: Stage = { pieces: [], chars: 0 };
    stages.set(stageId, stage);
    for (const old of stages.keys()) if (stages.size > kept) stages.delete(old);
    return stage;
  };

  return {
    append(stageId, piece) {
      const stage = stages.get(stageId) ?? begin(stageId);
      if (stage.chars + piece.length > maxChars) {
        stages.delete(stageId);
        throw new CallFailure(
          'invalid',
          `The batch is too large to send: over ${maxChars.toLocaleString('en-US')} characters (stage ${stageId} dropped).`,
        );
      }
      stage.pieces.push(piece);
      stage.chars += piece.length;
      return stage.chars;
    },
    take(stageId) {
      const stage = stages.get(stageId);
      if (stage === undefined)
        throw new CallFailure(
          'not-found',
          `No staged batch text ${stageId}: it was used, cancelled or dropped (only ${kept} are kept).`,
        );
      stages.delete(stageId);
      return stage.pieces;
    },
    drop(stageId) {
      cancelled.add(stageId);
      for (const old of cancelled) if (cancelled.size > CANCELLED_KEPT) cancelled.delete(old);
      return stages.delete(stageId);
    },
  };
}
