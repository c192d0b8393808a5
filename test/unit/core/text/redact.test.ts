// One redaction: the mask shows at most the last 4 characters of a long key, and scrub removes known secrets.
import { describe, expect, it } from 'vitest';
import { last4, maskKey, maskKeyMentions, MASK, scrub, scrubDeep } from '../../../../core/text/redact';

describe('redaction', () => {
  it('shows the last 4 characters only of a key of 12 or more', () => {
    expect(maskKey('sk-live-123456789abc')).toBe('••••9abc');
    expect(maskKey('short-key11')).toBe(MASK);
    expect(last4('sk-live-123456789abc')).toBe('9abc');
    expect(last4('abc')).toBe('');
  });

  it('scrubs every occurrence of every known secret, leaving very short values alone', () => {
    expect(scrub('key sk-A1B2C3 then sk-A1B2C3 and s3-XYZW-9', ['sk-A1B2C3', 's3-XYZW-9', 'a'])).toBe(
      'key •••• then •••• and ••••',
    );
    expect(scrub('nothing here', [])).toBe('nothing here');
  });

  it('masks the value of a named key whatever it is', () => {
    expect(maskKeyMentions('X-Api-Key: abc123 and Authorization: Bearer zzz')).toBe(
      'X-Api-Key: •••• and Authorization: Bearer ••••',
    );
  });

  it('scrubs secrets from every string of a value however deep, keeping untouched parts as they are', () => {
    const clean = { name: 'x', list: [1, 'short'] };
    const value = {
      report: { requests: [{ body: '{"note":"sk-DEEP-secret-1"}' }], clean },
      n: 3,
      flag: true,
      none: null,
    };
    const out = scrubDeep(value, ['sk-DEEP-secret-1']);
    expect(out).toEqual({ report: { requests: [{ body: '{"note":"••••"}' }], clean }, n: 3, flag: true, none: null });
    expect(out.report.clean).toBe(clean);
    expect(value.report.requests[0]?.body).toContain('sk-DEEP-secret-1');
    expect(scrubDeep(value, [])).toBe(value);
    expect(scrubDeep(clean, ['sk-DEEP-secret-1'])).toBe(clean);
  });
});
