// An event's address in a run as one map key: its place in the original batch (collection, index).

/** The key of the event at `index` of `collection`; a NUL cannot occur in either part, so keys never collide. */
export const eventRef = (collection: string, index: number): string => `${collection}\u0000${index}`;
