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
export function unwrap<T>(result: CallResult<T>): T {
  if (result.ok) return result.data;
  throw new HostError(result.error);
}
