// The sizes that keep every send call small: outcomes go back in pages, a large batch text comes in pieces
// (plain numbers, no zod: the renderer imports them).

// Each call is one task on main's loop (read, parse, check, answer): these sizes keep it near 10 ms idle
// (a page of 5,000 outcomes took 30-50 ms on a busy machine, most of it checking them against the contract).

/** Outcomes a `send:start` report carries inline, and at most one `send:outcomes` page. */
export const OUTCOMES_PAGE = 2_000;

/** The longest piece of batch text one `send:stage` call carries (characters). */
export const STAGE_PIECE_CHARS = 1024 * 1024;

/** Above this many characters the renderer hands the batch text over in pieces. */
export const STAGE_ABOVE_CHARS = 2 * 1024 * 1024;
