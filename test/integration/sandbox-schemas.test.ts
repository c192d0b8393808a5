// `batch-studio sandbox --schemas DIR` as a real process: exactly the violating events are rejected with the
// validation message and never stored; a single push gets 422 with one error per problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';

let sandbox: SandboxProcess;
let broken: SandboxProcess;
const call = (method: string, path: string, options: Parameters<typeof callSandbox>[3] = {}) =>
  callSandbox(sandbox, method, path, options);
const exported = async (collection: string) =>
  (await call('GET', `/events/${collection}/export`, { key: 'query' }))
    .json<{ results: { id: string }[] }>()
    .results.map((e) => e.id);

interface EventResult {
  success: boolean;
  duplicate?: boolean;
  message?: string;
}

beforeAll(async () => {
  [sandbox, broken] = await Promise.all([
    startSandboxProcess(['--schemas', 'test/fixtures/schemas']),
    startSandboxProcess(['--schemas', 'test/fixtures/schemas/with-broken']),
  ]);
});
afterAll(async () => {
  await Promise.all([sandbox?.stop(), broken?.stop()]);
});
beforeEach(async () => {
  expect((await call('POST', '/sandbox/reset', { key: 'master' })).status).toBe(200);
});

describe('sandbox --schemas', () => {
  it('rejects exactly the violating events of a batch, with the validation message', async () => {
    const bodyText = readFileSync(join(projectRoot, 'test/fixtures/schemas/batch.json'), 'utf8');
    const answer = await call('POST', '/events', { bodyText });
    expect(answer.status).toBe(200);
    const results = answer.json<Record<string, EventResult[]>>();
    expect(
      Object.fromEntries(Object.entries(results).map(([name, list]) => [name, list.map((r) => r.success)])),
    ).toEqual({
      purchases: [true, false, false],
      signups: [true, false],
      clicks: [true],
    });
    expect(results['purchases']?.[1]?.message).toBe(
      'The event does not match the schema of collection \'purchases\': `purchasePrice` must be a number, got the string "34.95"; ' +
        '`plan` must be one of "free", "pro", got "gold"; `items[1]` is missing required property `sku`; ' +
        '`items[1].quantity` must be a whole number, got the number 1.5; property `zipp` in `address` is not allowed by the schema (a misspelled name?).',
    );
    expect(results['purchases']?.[2]?.message).toContain('missing required property `customerId`');
    expect(results['signups']?.[1]?.message).toContain('`userId` must be a UUID');
    expect(await exported('purchases')).toEqual(['p-1']);
    expect(await exported('signups')).toEqual(['s-1']);
    expect(await exported('clicks')).toEqual(['k-1']);
  });

  it('still applies the API rules first, and duplicates after the schema', async () => {
    const first = await call('POST', '/events', {
      body: {
        purchases: [
          { id: 'a', customerId: 'c', purchasePrice: 1 },
          { id: 'b', tp_x: 1, purchasePrice: 'x' },
          { id: 'a', purchasePrice: 'x' },
          { id: 'a', customerId: 'c', purchasePrice: 2 },
        ],
      },
    });
    const results = first.json<Record<string, EventResult[]>>()['purchases'] ?? [];
    expect(results[0]).toEqual({ success: true });
    expect(results[1]?.message).toMatch(/tp_/);
    expect(results[2]?.message).toContain('does not match the schema');
    expect(results[3]).toMatchObject({ success: false, duplicate: true });
  });

  it('answers a violating single push with 422 and one error per problem', async () => {
    const answer = await call('POST', '/events/purchases', {
      body: { id: 'x', purchasePrice: '34.95', items: [{ quantity: 2 }] },
    });
    expect(answer.status).toBe(422);
    expect(answer.json()).toEqual({
      errors: [
        { field: 'customerId', description: 'missing required property `customerId`' },
        { field: 'purchasePrice', description: '`purchasePrice` must be a number, got the string "34.95"' },
        { field: 'items[0].sku', description: '`items[0]` is missing required property `sku`' },
      ],
    });
    expect(await exported('purchases')).toEqual([]);
    expect(
      (await call('POST', '/events/purchases', { body: { id: 'y', customerId: 'c', purchasePrice: 3 } })).status,
    ).toBe(200);
    expect((await call('POST', '/events/other', { body: { anything: 'goes' } })).status).toBe(200);
  });

  it('reports a broken schema file on stderr and enforces the others', async () => {
    expect(broken.stderr()).toContain('signups.schema.json: not valid JSON');
    expect(broken.stderr()).toContain('clicks.schema.json: at /type: "objekt" is not a JSON type');
    const answer = await callSandbox(broken, 'POST', '/events', {
      body: { purchases: [{ purchasePrice: 'x' }], signups: [{ userId: 'no' }] },
    });
    const results = answer.json<Record<string, EventResult[]>>();
    expect(results['purchases']?.[0]?.success).toBe(false);
    expect(results['signups']?.[0]?.success).toBe(true);
  });
});
