// The JSON Schema of a batch's shape for Monaco's own JSON service: structure errors and completion
// hints only. The Connect rules themselves live in core's linter, which runs in our worker. No default
// snippet: its empty id and timestamp were two errors at once; schema-assist offers a complete new event.
import type { JSONSchema } from 'monaco-editor/languages/features/json/register';

export const BATCH_SCHEMA_URI = 'batch-studio://schemas/batch.json';

const eventSchema: JSONSchema = {
  type: 'object',
  description:
    'One event: any JSON object. Names starting with tp_ or $, containing a period, or `_id` are not allowed.',
  properties: {
    id: {
      type: ['string', 'number'],
      description: 'Unique id of the event in its collection; a resend with the same id is reported as a duplicate.',
      minLength: 1,
    },
    timestamp: {
      type: 'string',
      description:
        'ISO-8601 date-time, best in UTC (ending in Z), e.g. 2026-01-31T12:00:00.000Z. Omitted: the time the server received it.',
    },
  },
};

export const batchSchema: JSONSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Connect batch',
  description: 'An object of collections; each collection is an array of events.',
  type: 'object',
  propertyNames: { minLength: 1, maxLength: 255, pattern: '^[^$]' },
  additionalProperties: { type: 'array', description: 'A collection: an array of event objects.', items: eventSchema },
};
