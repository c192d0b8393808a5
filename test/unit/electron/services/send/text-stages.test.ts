// Staged batch texts: pieces kept in order, a stage is taken once, and size and count stay bounded.
import { describe, expect, it } from 'vitest';
import { CallFailure } from '../../../../../electron/contract/handlers';
import { createTextStages, STAGES_KEPT } from '../../../../../electron/services/send/text-stages';

const codeOf = (act: () => unknown): string => {
  try {
    act();
  } catch (error) {
    return error instanceof CallFailure ? error.code : 'other';
  }
  return 'none';
};

describe('text stages', () => {
  it('keeps the pieces in order and hands the text over once, unjoined', () => {
    const stages = createTextStages();
    expect(stages.append('a', '{"x":')).toBe(5);
    expect(stages.append('a', '[1]}')).toBe(9);
    expect(stages.take('a')).toEqual(['{"x":', '[1]}']);
    expect(codeOf(() => stages.take('a'))).toBe('not-found');
  });

  it('refuses a text over the size bound and drops what it held, saying how large is too large', () => {
    const stages = createTextStages({ maxChars: 10 });
    stages.append('a', '123456');
    let message = '';
    try {
      stages.append('a', '12345');
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toContain('too large');
    expect(message).toContain('10 characters');
    expect(codeOf(() => stages.take('a'))).toBe('not-found');
  });

  it('holds only the last few stages', () => {
    const stages = createTextStages();
    for (let i = 0; i <= STAGES_KEPT; i++) stages.append(`s${i}`, `${i}`);
    expect(codeOf(() => stages.take('s0'))).toBe('not-found');
    expect(stages.take(`s${STAGES_KEPT}`)).toEqual([`${STAGES_KEPT}`]);
  });

  it('drops a cancelled stage and refuses its later pieces', () => {
    const stages = createTextStages();
    stages.append('c', 'abc');
    expect(stages.drop('c')).toBe(true);
    expect(codeOf(() => stages.append('c', 'def'))).toBe('cancelled');
    expect(codeOf(() => stages.take('c'))).toBe('not-found');
    expect(stages.drop('never')).toBe(false);
  });
});
