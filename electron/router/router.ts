// The one gate every call from a renderer passes, whatever the transport: known channel, trusted sender,
// input parsed by the channel's schema; then the handler; then an answer with no stack trace and no secret.
import type { z } from 'zod';
import { channels, type CallResult, type Channel, type ErrorCode } from '../contract/channels';
import { CallFailure, type Handler, type HandlerInput, type Handlers } from '../contract/handlers';
import { maskKeyMentions, scrub, scrubDeep } from '../../core/text/redact';

export interface RouterOptions<S> {
  readonly handlers: Handlers;
  /** Supplied by the transport: is this the window (or page) we serve, on our origin? */
  readonly isTrustedSender: (sender: S) => boolean;
  /** Secret values that must never appear in a message (API keys held by main). */
  readonly secrets?: () => Iterable<string>;
}

export interface Router<S> {
  call(channel: string, input: unknown, sender: S): Promise<CallResult<unknown>>;
}

const MAX_MESSAGE = 500;

/** A message fit to cross to the renderer: first line only, known secrets and key-like values masked, bounded. */
export function scrubMessage(text: string, secrets: Iterable<string> = []): string {
  let message = maskKeyMentions(scrub(text.split(/\r?\n/)[0] ?? '', secrets));
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE - 1)}…`;
  return message.trim() || 'Something went wrong.';
}

/** Longest stretch of scrubbing between two turns of the event loop. */
const SCRUB_SLICE_MS = 10;

/**
 * `scrubDeep` of an answer, with a turn of the event loop between the items of its lists once a slice has run
 * its time: a million-event send report carries tens of MB of request texts, one long task in one go.
 */
async function scrubAnswer<T>(data: T, secrets: readonly string[]): Promise<T> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return scrubDeep(data, secrets);
  const record = data as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  let sliceEnd = performance.now() + SCRUB_SLICE_MS;
  for (const key of Object.keys(record)) {
    const item = record[key];
    let next: unknown;
    if (Array.isArray(item)) {
      let list: unknown[] | undefined;
      for (let i = 0; i < item.length; i++) {
        const scrubbed: unknown = scrubDeep(item[i], secrets);
        if (scrubbed !== item[i]) (list ??= [...item])[i] = scrubbed;
        if (performance.now() < sliceEnd) continue;
        await new Promise((resolve) => setImmediate(resolve));
        sliceEnd = performance.now() + SCRUB_SLICE_MS;
      }
      next = list ?? item;
    } else next = scrubDeep(item, secrets);
    if (next !== item) (out ??= { ...record })[key] = next;
  }
  return (out ?? record) as T;
}

const isChannel = (name: string): name is Channel => Object.prototype.hasOwnProperty.call(channels, name);

const fail = (code: ErrorCode, message: string): CallResult<never> => ({ ok: false, error: { code, message } });

const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');

export function createRouter<S>(options: RouterOptions<S>): Router<S> {
  const secrets = (): string[] => [...(options.secrets?.() ?? [])];

  async function dispatch<C extends Channel>(channel: C, input: unknown): Promise<CallResult<unknown>> {
    const spec = channels[channel];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail(
        'bad-input',
        scrubMessage(`Invalid input for ${channel}: ${describeIssues(parsed.error.issues)}`, secrets()),
      );
    }
    const handler = options.handlers[channel] as Handler<C>;
    const data = await handler(parsed.data as HandlerInput<C>);
    // Parsing the answer too strips any property the contract does not name, so nothing extra reaches a renderer.
    const checked = spec.output.safeParse(data);
    if (!checked.success) return fail('failed', `The app produced an unexpected answer on ${channel}.`);
    // Defence in depth: whatever a handler returns, no string in it may carry a secret main holds.
    return { ok: true, data: await scrubAnswer(checked.data, secrets()) };
  }

  return {
    async call(channel, input, sender) {
      if (typeof channel !== 'string' || !isChannel(channel)) return fail('unknown-channel', 'Unknown channel.');
      let trusted: boolean;
      try {
        trusted = options.isTrustedSender(sender);
      } catch {
        trusted = false;
      }
      if (!trusted) return fail('forbidden-sender', 'This caller may not use the app’s functions.');
      try {
        return await dispatch(channel, input);
      } catch (error) {
        if (error instanceof CallFailure) return fail(error.code, scrubMessage(error.message, secrets()));
        const message = error instanceof Error ? error.message : String(error);
        return fail('failed', scrubMessage(message, secrets()));
      }
    },
  };
}
