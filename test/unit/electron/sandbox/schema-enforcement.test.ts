// The sandbox's schema check: messages and 422 fields, switched on and off while running, and applied to
// bulk-import lines as to pushes (an in-process sandbox over real loopback HTTP).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSchemaSet } from '../../../../core/schemas/compile-schema';
import { schemaRejection } from '../../../../electron/sandbox/schema-enforcement';
import { startSandbox, type RunningSandbox } from '../../../../electron/sandbox/server';

const { checks } = compileSchemaSet({
  orders: {
    type: 'object',
    required: ['total'],
    properties: { total: { type: 'number' }, lines: { type: 'array', items: { required: ['sku'] } } },
  },
});

describe('schemaRejection', () => {
  it('says nothing for a matching event or a collection without a schema', () => {
    expect(schemaRejection(checks, 'orders', { total: 1 })).toBeUndefined();
    expect(schemaRejection(checks, 'other', { total: 'x' })).toBeUndefined();
    expect(schemaRejection(undefined, 'orders', {})).toBeUndefined();
  });

  it('gives one message for a batch result and one field per problem for a 422', () => {
    expect(schemaRejection(checks, 'orders', { lines: [{}] })).toEqual({
      message:
        "The event does not match the schema of collection 'orders': missing required property `total`; `lines[0]` is missing required property `sku`.",
      errors: [
        { field: 'total', description: 'missing required property `total`' },
        { field: 'lines[0].sku', description: '`lines[0]` is missing required property `sku`' },
      ],
    });
  });
});

describe('an enforcing sandbox', () => {
  let sandbox: RunningSandbox;
  let s3: Server;
  let s3Url: string;
  beforeAll(async () => {
    // A stand-in for S3 that serves one NDJSON object whatever the signature (signing is tested elsewhere).
    s3 = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      // In their stored form (an id, a UTC timestamp): a collection with a schema still checks them as objects.
      const stamp = '"timestamp": "2026-11-27T12:00:00.000Z"';
      response.end(`{"id": "i-1", ${stamp}, "total": 5}\n{"id": "i-2", ${stamp}, "total": "5"}\n`);
    });
    await new Promise<void>((resolve) => s3.listen(0, '127.0.0.1', resolve));
    s3Url = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`;
    sandbox = await startSandbox({
      projectId: 'p',
      keys: { push: 'push-key-0001', query: 'query-key-0001' },
      s3Endpoint: s3Url,
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await new Promise((resolve) => s3?.close(resolve));
  });

  const call = async (method: string, path: string, body?: unknown, key = 'push-key-0001') => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'X-Project-Id': 'p', 'X-Api-Key': key },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      json: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined,
    };
  };

  it('follows setSchemas: off, on, off again', async () => {
    expect((await call('POST', '/events/orders', { total: 'x' })).status).toBe(200);
    sandbox.setSchemas(checks);
    const refused = await call('POST', '/events/orders', { total: 'x' });
    expect(refused).toEqual({
      status: 422,
      json: { errors: [{ field: 'total', description: '`total` must be a number, got the string "x"' }] },
    });
    sandbox.setSchemas(undefined);
    expect((await call('POST', '/events/orders', { total: 'y' })).status).toBe(200);
  });

  it('rejects violating bulk-import lines by line, and stores the others', async () => {
    sandbox.setSchemas(checks);
    const created = await call('POST', '/event-import', {
      collection: 'orders',
      s3Path: 's3://bucket/orders.ndjson',
      s3AccessKeyId: 'AKIA',
      s3SecretAccessKey: 'secret',
    });
    expect(created.status).toBe(201);
    const id = String(created.json?.['id']);
    let status: Record<string, unknown> | undefined;
    for (;;) {
      status = (await call('GET', `/event-import/${id}`)).json;
      if (status?.['status'] === 'Complete' || status?.['status'] === 'Failed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toMatchObject({
      status: 'Complete',
      importedEvents: 1,
      eventErrors: [{ index: 1, error: expect.stringContaining('`total` must be a number, got the string "5"') }],
    });
  });
});
