// Who may use the browser host's bridge: a request carrying this launch's token, addressed to our own
// loopback host name and port (defeats DNS rebinding), from our own origin when the browser says one.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** What the bridge knows about a caller, taken from its request. */
export interface BridgeSender {
  readonly token: string | undefined;
  readonly host: string | undefined;
  readonly origin: string | undefined;
}

export interface BridgeGuard {
  readonly token: string;
  /** Sets the port once the server listens; nothing is trusted before. */
  bind(port: number): void;
  hostAllowed(host: string | undefined): boolean;
  originAllowed(origin: string | undefined, host: string | undefined): boolean;
  tokenValid(token: string | undefined): boolean;
  isTrusted(sender: BridgeSender): boolean;
}

export const newBridgeToken = (): string => randomBytes(32).toString('base64url');

export function createBridgeGuard(token: string = newBridgeToken()): BridgeGuard {
  let port: number | undefined;
  const expected = Buffer.from(token);
  const hosts = (): string[] => (port === undefined ? [] : [`127.0.0.1:${port}`, `localhost:${port}`]);

  const guard: BridgeGuard = {
    token,
    bind(value) {
      port = value;
    },
    hostAllowed: (host) => host !== undefined && hosts().includes(host.toLowerCase()),
    // The page's origin is the host it was loaded from; another site, even on loopback, is refused.
    originAllowed: (origin, host) =>
      origin === undefined ||
      (guard.hostAllowed(host) && origin.toLowerCase() === `http://${(host ?? '').toLowerCase()}`),
    tokenValid(candidate) {
      if (candidate === undefined) return false;
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    isTrusted: (sender) =>
      guard.tokenValid(sender.token) &&
      guard.hostAllowed(sender.host) &&
      guard.originAllowed(sender.origin, sender.host),
  };
  return guard;
}
