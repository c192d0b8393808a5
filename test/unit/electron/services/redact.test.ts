// One redaction: the mask shows at most the last 4 characters of a long key, and scrub removes known secrets.
import { describe, expect, it } from 'vitest';
import { last4, maskKey, maskKeyMentions, MASK, scrub } from '../../../../electron/services/redact';

describe('redaction', () => {
  it('shows the last 4 characters only of a key of 12 or more', () => {
    expect(maskKey('sk-live-123456789abc')).toBe('••••9abc');
    expect(maskKey('short-key11')).toBe(MASK);
    expect(last4('sk-live-123456789abc')).toBe('9abc');
    expect(last4('abc')).toBe('');
  });

  it('scrubs every occurrence of every known secret, leaving very short values alone', () => {
    expect(scrub('key sk-A1B2C3 then sk-A1B2C3 and s3-XYZW-9', ['sk-A1B2C3', 's3-XYZW-9', 'a'])).toBe('key •••• then •••• and ••••');
    expect(scrub('nothing here', [])).toBe('nothing here');
  });

  it('masks the value of a named key whatever it is', () => {
    expect(maskKeyMentions('X-Api-Key: abc123 and Authorization: Bearer zzz')).toBe('X-Api-Key: •••• and Authorization: Bearer ••••');
  });
});
