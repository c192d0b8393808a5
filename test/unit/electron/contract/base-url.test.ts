// Base URLs: https anywhere, plain http only on loopback, everything else refused with a reason.
import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from '../../../../electron/contract/base-url';

describe('checkBaseUrl', () => {
  it.each([
    ['https://api.getconnect.io', 'https://api.getconnect.io'],
    ['https://api.getconnect.io/', 'https://api.getconnect.io'],
    ['  https://staging.example.com/v1/ ', 'https://staging.example.com/v1'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://127.10.0.3', 'http://127.10.0.3'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ])('accepts %s', (input, normalised) => {
    expect(checkBaseUrl(input)).toEqual({ ok: true, url: normalised });
  });

  it.each([
    ['http://api.getconnect.io', /only allowed for this machine/],
    ['http://10.0.0.5', /only allowed for this machine/],
    ['http://127.0.0.1.evil.com', /only allowed for this machine/],
    ['ftp://api.getconnect.io', /must start with https/],
    ['file:///etc/passwd', /must start with https/],
    ['api.getconnect.io', /is not a URL/],
    ['https://user:pw@api.getconnect.io', /user name or password/],
    ['https://api.getconnect.io/?x=1', /query/],
  ])('refuses %s', (input, reason) => {
    const result = checkBaseUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
