// The renderer's Content-Security-Policy, sent as a header by both hosts (the page also carries it as a meta tag).

const common = [
  "default-src 'none'",
  "script-src 'self'",
  // Monaco sets inline styles; nothing else needs them.
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self'",
  "font-src 'self' data:",
  "img-src 'self' data:",
];

/** Electron (app://): the renderer makes no network request at all; it talks to main over IPC only. */
export const appContentPolicy = [...common, "connect-src 'none'"].join('; ');

/** Browser host: the page may reach its own origin only, which is the loopback bridge. Never framed by another page. */
export const webContentPolicy = [...common, "connect-src 'self'", "frame-ancestors 'none'"].join('; ');
