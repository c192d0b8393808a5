// Who may use the browser host's bridge: this launch's token, our own loopback Host and port, our own Origin.
import { describe, expect, it } from 'vitest';
import { createBridgeGuard, newBridgeToken } from '../../../../electron/web/bridge-guard';

describe('bridge guard', () => {
  it('trusts nothing before the port is bound', () => {
    const guard = createBridgeGuard('t');
    expect(guard.hostAllowed('127.0.0.1:0')).toBe(false);
    expect(guard.isTrusted({ token: 't', host: '127.0.0.1:8080', origin: undefined })).toBe(false);
  });

  it('accepts only our loopback names with our port, any letter case', () => {
    const guard = createBridgeGuard('t');
    guard.bind(8080);
    for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST:8080'])
      expect(guard.hostAllowed(host), host).toBe(true);
    for (const host of [
      undefined,
      '127.0.0.1',
      '127.0.0.1:8081',
      'evil.example:8080',
      'localhost.evil.example:8080',
      '[::1]:8080',
    ]) {
      expect(guard.hostAllowed(host), String(host)).toBe(false);
    }
  });

  it('accepts no Origin (same-origin GETs) or exactly our own, never another site on loopback', () => {
    const guard = createBridgeGuard('t');
    guard.bind(8080);
    expect(guard.originAllowed(undefined, '127.0.0.1:8080')).toBe(true);
    expect(guard.originAllowed('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(guard.originAllowed('http://localhost:8080', '127.0.0.1:8080')).toBe(false);
    expect(guard.originAllowed('http://127.0.0.1:9999', '127.0.0.1:8080')).toBe(false);
    expect(guard.originAllowed('null', '127.0.0.1:8080')).toBe(false);
    expect(guard.originAllowed('http://127.0.0.1:8080', 'evil.example:8080')).toBe(false);
  });

  it('compares tokens exactly, whatever their length', () => {
    const token = newBridgeToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newBridgeToken()).not.toBe(token);
    const guard = createBridgeGuard(token);
    expect(guard.tokenValid(token)).toBe(true);
    for (const candidate of [
      undefined,
      '',
      token.slice(1),
      `${token}x`,
      token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
    ]) {
      expect(guard.tokenValid(candidate)).toBe(false);
    }
  });

  it('trusts a sender only when token, Host and Origin all hold', () => {
    const guard = createBridgeGuard('secret');
    guard.bind(4000);
    const good = { token: 'secret', host: 'localhost:4000', origin: 'http://localhost:4000' };
    expect(guard.isTrusted(good)).toBe(true);
    expect(guard.isTrusted({ ...good, token: 'nope' })).toBe(false);
    expect(guard.isTrusted({ ...good, host: 'rebound.example:4000' })).toBe(false);
    expect(guard.isTrusted({ ...good, origin: 'http://localhost:5000' })).toBe(false);
  });
});
