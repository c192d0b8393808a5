// The renderer's only door to the main process: typed calls on the IPC contract and pushed events,
// whatever carries them (Electron's preload or the browser host's loopback bridge).
import type {
  CallError,
  CallResult,
  Channel,
  ChannelInput,
  ChannelOutput,
  ErrorCode,
  EventName,
  EventPayload,
} from '../../electron/contract/channels';

export interface Host {
  readonly kind: 'electron' | 'web';
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** A call the main process refused or failed; `code` comes from the contract's error codes. */
export class HostError extends Error {
  readonly code: ErrorCode;
  constructor(error: CallError) {
    super(error.message);
    this.name = 'HostError';
    this.code = error.code;
  }
}

/** Turns a transport's `{ok, data} | {ok: false, error}` into a value or a thrown HostError. */
function unwrap<T>(result: CallResult<T>): T {
  if (result.ok) return result.data;
  throw new HostError(result.error);
}

/** What carries calls and pushes, untyped: Electron's preload api, or the browser host's loopback bridge. */
export interface HostTransport {
  invoke(channel: string, input: unknown): Promise<CallResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The Host over a transport, typed by the contract. */
export function hostOver(kind: Host['kind'], transport: HostTransport): Host {
  return {
    kind,
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      // The router parsed the output with the contract's schema before it crossed.
      return unwrap((await transport.invoke(channel, input)) as CallResult<ChannelOutput<C>>);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return transport.on(event, (payload) => listener(payload as EventPayload<E>));
    },
  };
}

/** What a failed call (or anything else thrown) says, for the person: a HostError's message is written for them. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
