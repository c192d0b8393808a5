// Run ids people can read and sort: the start time to the second, then a little randomness for two runs
// started in the same second (`20261201-215043-7f3a`).
import { randomBytes } from 'node:crypto';
import { compactTime } from '../../../core/history/export-name';

export const newRunId = (startedAt: string, random: () => string = () => randomBytes(2).toString('hex')): string =>
  `${compactTime(startedAt)}-${random()}`;
