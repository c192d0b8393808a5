// The Host inside Electron: the preload's `window.api`, which exposes only the contract's channels.
import type {
  CallResult,
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../electron/contract/channels';
import { unwrap, type Host } from './host';

/** What the preload puts on `window.api` (electron/preload). */
export interface PreloadApi {
  invoke(channel: string, input: unknown): Promise<CallResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function createElectronHost(api: PreloadApi): Host {
  return {
    kind: 'electron',
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      // The router parsed the output with the contract's schema before it crossed.
      return unwrap((await api.invoke(channel, input)) as CallResult<ChannelOutput<C>>);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return api.on(event, (payload) => listener(payload as EventPayload<E>));
    },
  };
}
