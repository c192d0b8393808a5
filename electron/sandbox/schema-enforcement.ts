// The sandbox's optional tracking-plan check (`--schemas DIR`): an event its collection's schema rejects is
// answered like any rejected event, with the validation message, as Snowplow Micro does for its schemas.
import type { EventSchemaValidator } from '../../core/schemas/compile-schema';
import { fieldPath } from '../../core/rules/event-rules';

/** Per collection, its compiled schema; collections without one are not checked. */
export type SandboxSchemas = Readonly<Record<string, EventSchemaValidator>>;

export interface SchemaRejection {
  /** The per-event `message` of a batch push. */
  readonly message: string;
  /** The 422 `errors` of a single push: one per problem. */
  readonly errors: readonly { readonly field: string; readonly description: string }[];
}

/** Undefined when the event matches (or its collection has no schema). */
export function schemaRejection(
  schemas: SandboxSchemas | undefined,
  collection: string,
  event: unknown,
): SchemaRejection | undefined {
  const check = schemas?.[collection];
  if (!check) return undefined;
  const problems = check(event);
  if (problems.length === 0) return undefined;
  const message = `The event does not match the schema of collection '${collection}': ${problems.map((p) => p.message).join('; ')}.`;
  const errors = problems.map((p) => ({
    field: fieldPath(p.missing === undefined ? p.path : [...p.path, p.missing]),
    description: p.message,
  }));
  return { message, errors };
}
