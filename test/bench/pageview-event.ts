// The pageview event the send benches measure with: an id, one UTC timestamp, a nested object, numbers.

export const pageviewEvent = (prefix: string, i: number) => ({
  id: `${prefix}-${i}`,
  timestamp: '2026-11-27T12:00:00.000Z',
  page: `/products/${i % 997}`,
  user: { id: `u${i % 4_999}`, plan: i % 3 === 0 ? 'pro' : 'free' },
  durationMs: (i * 37) % 10_000,
});
