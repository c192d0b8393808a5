// The shape of a run's `run.json`, checked when read back (a file from a newer version or a damaged one is
// skipped, never trusted).
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const runMetaSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  complete: z.boolean(),
  cancelled: z.boolean().optional(),
  target: z.object({ name: z.string().optional(), url: z.string(), projectId: z.string() }),
  source: z.string(),
  events: count,
  collections: z.array(z.object({ name: z.string(), events: count })),
  counts: z
    // `imported` (bulk import) came later: runs recorded before it have none.
    .object({
      accepted: count,
      duplicate: count,
      rejected: count,
      'not-sent': count,
      unknown: count,
      imported: count.default(0),
    })
    .optional(),
  durationMs: z.number().nonnegative().optional(),
});
