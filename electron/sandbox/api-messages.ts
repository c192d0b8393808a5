// The sandbox's answers as the API words them (spec §1–§6), serialized once so a response costs a string copy.

export const MESSAGES = {
  unauthorised: 'Unauthorised. Please check your Project Id and API Key.',
  forbidden: 'This API key does not have permission for this operation.',
  batchNotJson: 'The batch document is not valid JSON.',
  batchNotObject: 'The batch document must be an object of collections to arrays of events.',
  batchTooLarge: 'A batch cannot contain more than 5,000 events.',
  requestFailed: 'An error occurred while processing your request',
  eventNotJson: 'The event is not valid JSON.',
  importNotJson: 'The import request is not valid JSON.',
  eventFailed: 'An error occurred inserting the event please try again.',
  duplicateInBatch: 'An event with the same id has already been inserted.',
  duplicateSingle: "An event with the same 'id' has already been inserted.",
  // Not an API rule: JSON nested deeper than the engine can serialize cannot be stored or exported.
  eventTooDeep: 'The event is nested too deeply.',
  queryInvalid: 'The query JSON supplied is not valid.',
  exportTooLarge: 'The query resulted in more than 10,000 events.',
} as const;

export const collectionNameInvalid = (name: string): string => `Collection name '${name}' is not valid.`;
export const collectionNotArray = (name: string): string => `Collection '${name}' must be an array of events.`;

/** `{"errorMessage": ...}`, the body of every non-2xx answer except 422. */
export const errorBody = (message: string): string => JSON.stringify({ errorMessage: message });

/** The 422 body of spec §4 and §6: one problem with its property path. */
export const fieldErrorBody = (field: string, description: string): string =>
  JSON.stringify({ errors: [{ field, description }] });

/** Per-event results of a batch push (spec §3). */
export const RESULT_ACCEPTED = '{"success":true}';
export const RESULT_DUPLICATE = JSON.stringify({ success: false, duplicate: true, message: MESSAGES.duplicateInBatch });

const rejectedResults = new Map<string, string>();

/** `{"success": false, "message": ...}`; the handful of rule texts are serialized once each. */
export function rejectedResult(message: string): string {
  let text = rejectedResults.get(message);
  if (text === undefined) {
    text = JSON.stringify({ success: false, message });
    rejectedResults.set(message, text);
  }
  return text;
}

export { isValidCollectionName, MAX_BATCH_EVENTS } from '../../core/rules/batch-rules';
/** Events an export may return (spec §6). */
export const MAX_EXPORT_EVENTS = 10_000;
