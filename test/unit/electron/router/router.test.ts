// The router: every call is checked (channel, sender, input) and every failure crosses as a scrubbed value.
import { describe, expect, it } from 'vitest';
import { createRouter, scrubMessage } from '../../../../electron/router/router';
import { CallFailure, type Handlers } from '../../../../electron/contract/handlers';
import type { SandboxStatus } from '../../../../electron/contract/channels';

const SECRET = 'sk-live-4f9a8b7c6d5e4f3a2b1c';
const running: SandboxStatus = { state: 'running', url: 'http://127.0.0.1:1', projectId: 'p', eventCount: 3 };

interface Sender {
  readonly trusted: boolean;
}

const notHere = async (): Promise<never> => {
  throw new Error('not in this test');
};
// The profile-editing channels are tested with the profile service (test/unit/electron/services/profiles*.test.ts).
const unusedProfileHandlers = {
  'profiles:create': notHere,
  'profiles:update': notHere,
  'profiles:duplicate': notHere,
  'profiles:delete': notHere,
  'profiles:set-key': notHere,
  'profiles:clear-key': notHere,
  'profiles:test': notHere,
  'profiles:storage': notHere,
  'profiles:accept-weak-storage': notHere,
  // The schema channels are tested with the schema service (test/unit/electron/services/schema-service.test.ts).
  'schemas:list': notHere,
  'schemas:save': notHere,
  'schemas:delete': notHere,
  'schemas:set-folder': notHere,
  'profiles:set-s3-secret': notHere,
  'profiles:clear-s3-secret': notHere,
  'schemas:choose-folder': notHere,
  'schemas:set-enforce': notHere,
  // Tested with the send service (test/unit/electron/services/send-service.test.ts).
  'send:request-body': notHere,
  'send:outcomes': notHere,
  'send:stage': notHere,
  // The workspace and file channels are tested with their services (test/unit/electron/services/workspace/*).
  'workspace:load': notHere,
  'workspace:save': notHere,
  'files:open': notHere,
  'files:save': notHere,
  'files:recent': notHere,
  // The history and import channels are tested with the history service (test/unit/electron/services/history/*).
  'runs:list': notHere,
  'runs:show': notHere,
  'runs:compare': notHere,
  'runs:delete': notHere,
  'runs:clear': notHere,
  'runs:export': notHere,
  'runs:resend-failures': notHere,
  'import:preview': notHere,
  'import:apply': notHere,
  // The bulk import channels are tested with the real services (test/integration/bulk-import-app.test.ts).
  'bulk:start': notHere,
  'bulk:cancel': notHere,
  'bulk:delete-uploads': notHere,
  // Tested with the app services against a real sandbox (test/unit/electron/services/app-services.test.ts).
  'sandbox:collections': notHere,
  'sandbox:export': notHere,
  'sandbox:use-temporary': notHere,
  // Tested with the app services (test/unit/electron/services/preferences.test.ts).
  'settings:get': notHere,
  'settings:update': notHere,
} satisfies Partial<Handlers>;

const handlers = (overrides: Partial<Handlers> = {}): Handlers => ({
  'app:info': async () => ({ version: '1.0.0', host: 'web', userDataDir: '/tmp/x' }),
  'sandbox:status': async () => running,
  'sandbox:restart': async () => running,
  'sandbox:reset': async () => running,
  'profiles:list': async () => ({ profiles: [], selectedId: 'local-sandbox' }),
  'profiles:select': async () => ({ ok: true }),
  ...unusedProfileHandlers,
  'send:start': async () => {
    throw new Error('not in this test');
  },
  'send:cancel': async (input) => ({ cancelled: input.runId === 'r1' }),
  ...overrides,
});

const routerWith = (overrides: Partial<Handlers> = {}) =>
  createRouter<Sender>({ handlers: handlers(overrides), isTrustedSender: (s) => s.trusted, secrets: () => [SECRET] });

const trusted: Sender = { trusted: true };

describe('router', () => {
  it('answers a known channel from a trusted sender with the handler’s data', async () => {
    expect(await routerWith().call('sandbox:status', {}, trusted)).toEqual({ ok: true, data: running });
    expect(await routerWith().call('send:cancel', { runId: 'r1' }, trusted)).toEqual({
      ok: true,
      data: { cancelled: true },
    });
  });

  it('refuses an unknown channel, including names inherited from Object.prototype', async () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor']) {
      const result = await routerWith().call(name, {}, trusted);
      expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: expect.any(String) } });
    }
  });

  it('refuses a foreign sender before calling the handler', async () => {
    let called = false;
    const router = routerWith({
      'app:info': async () => {
        called = true;
        return { version: '1', host: 'web', userDataDir: '/' };
      },
    });
    const result = await router.call('app:info', {}, { trusted: false });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden-sender');
    expect(called).toBe(false);
  });

  it('treats a sender check that throws as a foreign sender', async () => {
    const router = createRouter<Sender>({
      handlers: handlers(),
      isTrustedSender: () => {
        throw new Error('frame destroyed');
      },
    });
    const result = await router.call('app:info', {}, trusted);
    expect(result.ok ? 'ok' : result.error.code).toBe('forbidden-sender');
  });

  it('refuses input its schema rejects, naming the field', async () => {
    const extra = await routerWith().call('app:info', { surprise: 1 }, trusted);
    expect(extra.ok ? 'ok' : extra.error.code).toBe('bad-input');
    const wrongType = await routerWith().call('send:cancel', { runId: 42 }, trusted);
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) {
      expect(wrongType.error.code).toBe('bad-input');
      expect(wrongType.error.message).toContain('runId');
    }
  });

  it('passes parsed input with defaults filled in', async () => {
    let mode: string | undefined;
    const router = routerWith({
      'send:start': async (input) => {
        mode = input.mode;
        throw new CallFailure('invalid', 'stop here');
      },
    });
    await router.call('send:start', { runId: 'r', profileId: 'p', batchText: '{}' }, trusted);
    expect(mode).toBe('all');
  });

  it('turns a thrown error into a scrubbed message: no stack, no key, no key header', async () => {
    const router = routerWith({
      'sandbox:reset': async () => {
        const error = new Error(`request with X-Api-Key: ${SECRET} failed\n    at secretPlace (/home/me/app.js:1:1)`);
        throw error;
      },
      'sandbox:restart': async () => {
        throw new Error('upstream said: {"X-Api-Key": "other-key-123456789"} api_key=zzzzzzzzzzzz');
      },
    });
    const first = await router.call('sandbox:reset', {}, trusted);
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.code).toBe('failed');
    expect(first.error.message).not.toContain(SECRET);
    expect(first.error.message).not.toContain('secretPlace');
    expect(first.error.message).not.toContain('app.js');
    expect(first.error.message).toContain('••••');

    const second = await router.call('sandbox:restart', {}, trusted);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.message).not.toContain('other-key-123456789');
    expect(second.error.message).not.toContain('zzzzzzzzzzzz');
  });

  it('keeps the code of a CallFailure and scrubs its message too', async () => {
    const router = routerWith({
      'profiles:select': async () => {
        throw new CallFailure('not-found', `No profile uses ${SECRET}`);
      },
    });
    const result = await router.call('profiles:select', { id: 'x' }, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'not-found', message: 'No profile uses ••••' } });
  });

  it('strips properties the contract does not name from an answer, and refuses an answer that breaks it', async () => {
    const leaky = routerWith({
      'app:info': async () => ({ version: '1', host: 'web', userDataDir: '/', apiKey: SECRET }) as never,
    });
    const result = await leaky.call('app:info', {}, trusted);
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(result.ok).toBe(true);

    const broken = routerWith({ 'sandbox:status': async () => ({ state: 'sideways' }) as never });
    const answer = await broken.call('sandbox:status', {}, trusted);
    expect(answer.ok ? 'ok' : answer.error.code).toBe('failed');
  });
});

describe('scrubMessage', () => {
  it('masks authorization-like values and bounds the length', () => {
    expect(scrubMessage('Authorization: Bearer abc.def.ghi')).toBe('Authorization: Bearer ••••');
    expect(scrubMessage('x'.repeat(2000)).length).toBeLessThanOrEqual(500);
    expect(scrubMessage('')).toBe('Something went wrong.');
  });
});
