// What the router hands each channel's handler and what a handler throws to report a failure: shared by the
// router and every service that implements a channel.
import type { z } from 'zod';
import type { channels, Channel, ChannelOutput, ErrorCode } from './channels';

/** What a handler receives: the channel's input after parsing (defaults filled in). */
export type HandlerInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type Handler<C extends Channel> = (input: HandlerInput<C>) => Promise<ChannelOutput<C>>;
/** One handler per channel: a channel without one does not compile. */
export type Handlers = { readonly [C in Channel]: Handler<C> };

/** A failure a handler means to report, with a code the renderer can act on and a message for people. */
export class CallFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
