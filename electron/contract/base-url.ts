// Which base URLs a profile may target: https everywhere, plain http only on loopback (shared by the renderer form and main).

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
};

/** Parses and normalises a base URL (no trailing slash), or explains why it is refused. */
export function checkBaseUrl(text: string): BaseUrlCheck {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: `"${trimmed}" is not a URL. Write it like https://api.getconnect.io.` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'The URL must not contain a user name or password: put the API key in the key field.' };
  }
  if (url.search || url.hash) return { ok: false, reason: 'The base URL must not have a query (?…) or fragment (#…).' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      reason: `Plain http is only allowed for this machine (localhost, 127.x.x.x, [::1]): ${url.hostname} would receive the API key unencrypted. Use https://.`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `The URL must start with https:// (got ${url.protocol}//).` };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
