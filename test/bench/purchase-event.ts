// The purchase event the lint benches measure with: ids, a UTC timestamp, nested objects, numbers, words.

export const purchaseEvent = (i: number) => ({
  id: `evt-${i}`,
  timestamp: `2024-05-${String((i % 28) + 1).padStart(2, '0')}T12:${String(i % 60).padStart(2, '0')}:00.000Z`,
  customer: { name: `Ada Lovelace ${i}`, email: `ada${i}@example.com` },
  product: { sku: `SKU-${i % 997}`, name: 'Twelve red roses' },
  purchasePrice: 34.95 + (i % 100),
  quantity: (i % 5) + 1,
  channel: i % 2 === 0 ? 'web' : 'store',
});
