// The batch a new user sees on first launch: two collections, a few valid events, sends cleanly.

/** A first-launch batch with fresh ids, so sending it twice shows duplicates rather than a mystery. */
export function sampleBatch(now: Date, newId: () => string): string {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  const batch = {
    purchases: [
      {
        id: newId(),
        timestamp: at(30),
        customer: { id: 'c-1001', tier: 'gold' },
        product: 'Notebook',
        price: 12.5,
        quantity: 2,
      },
      {
        id: newId(),
        timestamp: at(20),
        customer: { id: 'c-1002', tier: 'silver' },
        product: 'Pencil case',
        price: 4.95,
        quantity: 1,
      },
      {
        id: newId(),
        timestamp: at(10),
        customer: { id: 'c-1001', tier: 'gold' },
        product: 'Desk lamp',
        price: 39,
        quantity: 1,
      },
    ],
    pageViews: [
      { id: newId(), timestamp: at(25), page: '/pricing', referrer: 'newsletter', durationMs: 5400 },
      { id: newId(), timestamp: at(5), page: '/checkout', referrer: '/pricing', durationMs: 12800 },
    ],
  };
  return `${JSON.stringify(batch, null, 2)}\n`;
}
