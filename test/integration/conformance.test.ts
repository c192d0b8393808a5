// Runs every case of the shared conformance corpus (../shared/spec/conformance.json) against one real
// sandbox process started with the corpus's own setup, wiping it before each case.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { projectRoot } from '../harness/project-root';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Role = 'push' | 'query' | 'pushquery' | 'master';

interface CaseRequest {
  method: string;
  path: string;
  key?: Role | 'none' | 'wrong';
  projectId?: string | null;
  headers?: Record<string, string>;
  body?: Json;
  bodyText?: string;
  contentType?: string;
}
interface CaseExpect {
  status: number;
  body?: Json;
  match?: Json;
  shape?: Json;
  emptyBody?: boolean;
}
interface Case {
  name: string;
  steps: { request: CaseRequest; expect: CaseExpect }[];
}
interface Corpus {
  setup: { projectId: string; keys: Record<Role, string>; duplicates: 'report' | 'silent' };
  cases: Case[];
}

const corpus = JSON.parse(
  readFileSync(join(projectRoot, '..', 'shared', 'spec', 'conformance.json'), 'utf8'),
) as Corpus;
const { setup } = corpus;
const ROLES: readonly string[] = ['push', 'query', 'pushquery', 'master'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{"$repeat": N, "of": X}` and `{"$text": N}`, expanded everywhere (README of the corpus). */
function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (!isObject(value)) return value;
  const keys = Object.keys(value).sort().join(',');
  if (keys === '$repeat,of') {
    const copy = expand(value['of']);
    return Array.from({ length: value['$repeat'] as number }, () => structuredClone(copy));
  }
  if (keys === '$text') return 'x'.repeat(value['$text'] as number);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
}

/** `match`: given keys present and matching recursively, arrays element by element, scalars equal. */
function mismatch(
  actual: unknown,
  expected: unknown,
  path: string,
  leaf: (a: unknown, e: unknown) => boolean,
): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const problem = mismatch(actual[i], expected[i], `${path}[${i}]`, leaf);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual)) return `${path}.${key}: missing`;
      const problem = mismatch(actual[key], value, `${path}.${key}`, leaf);
      if (problem) return problem;
    }
    return undefined;
  }
  return leaf(actual, expected)
    ? undefined
    : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

const UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const shapeLeaf = (actual: unknown, type: unknown): boolean => {
  switch (type) {
    case 'utc-ms':
      return typeof actual === 'string' && UTC_MS.test(actual);
    case 'string':
    case 'number':
    case 'boolean':
      return typeof actual === type;
    case 'null':
      return actual === null;
    default:
      throw new Error(`unknown shape type ${String(type)}`);
  }
};

function headersFor(request: CaseRequest, keys: Record<Role, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  const projectId = request.projectId === undefined ? setup.projectId : request.projectId;
  if (projectId !== null) headers['X-Project-Id'] = projectId;
  const extra = Object.entries(request.headers ?? {}).map(([name, value]): [string, string] => {
    const role = value.startsWith('$') ? value.slice(1) : undefined;
    return [name, role !== undefined && ROLES.includes(role) ? keys[role as Role] : value];
  });
  const hasKeyHeader = extra.some(([name]) => name.toLowerCase() === 'x-api-key');
  const key = request.key ?? 'none';
  if (!hasKeyHeader && key !== 'none') headers['X-Api-Key'] = key === 'wrong' ? 'no-such-key' : keys[key];
  for (const [name, value] of extra) headers[name] = value;
  return headers;
}

let sandbox: SandboxProcess;

beforeAll(async () => {
  sandbox = await startSandboxProcess([
    '--project-id',
    setup.projectId,
    '--push-key',
    setup.keys.push,
    '--query-key',
    setup.keys.query,
    '--pushquery-key',
    setup.keys.pushquery,
    '--master-key',
    setup.keys.master,
    '--duplicates',
    setup.duplicates,
  ]);
});

afterAll(async () => {
  await sandbox?.stop();
});

beforeEach(async () => {
  const response = await fetch(`${sandbox.url}/sandbox/reset`, {
    method: 'POST',
    headers: { 'X-Project-Id': setup.projectId, 'X-Api-Key': setup.keys.master },
  });
  expect(response.status).toBe(200);
});

describe('conformance corpus', () => {
  it('has cases', () => {
    expect(corpus.cases.length).toBeGreaterThan(0);
  });

  for (const testCase of corpus.cases) {
    it(testCase.name, async () => {
      for (const [index, step] of testCase.steps.entries()) {
        const request = expand(step.request) as CaseRequest;
        const expected = expand(step.expect) as CaseExpect;
        const headers = headersFor(request, setup.keys);
        let body: string | undefined;
        if (request.bodyText !== undefined) body = request.bodyText;
        else if (request.body !== undefined) body = JSON.stringify(request.body);
        const contentType = request.contentType ?? 'application/json';
        if (body !== undefined && contentType !== 'none') headers['Content-Type'] = contentType;
        const response = await fetch(`${sandbox.url}${request.path}`, {
          method: request.method,
          headers,
          ...(body !== undefined ? { body } : {}),
        });
        const text = await response.text();
        const where = `step ${index + 1} (${request.method} ${request.path}): ${text.slice(0, 300)}`;
        expect(response.status, where).toBe(expected.status);
        if (expected.emptyBody) expect(text, where).toBe('');
        if (expected.body !== undefined || expected.match !== undefined || expected.shape !== undefined) {
          const actual = JSON.parse(text) as unknown;
          if (expected.body !== undefined) expect(actual, where).toEqual(expected.body);
          if (expected.match !== undefined)
            expect(
              mismatch(actual, expected.match, '$', (a, e) => Object.is(a, e)),
              where,
            ).toBeUndefined();
          if (expected.shape !== undefined)
            expect(mismatch(actual, expected.shape, '$', shapeLeaf), where).toBeUndefined();
        }
      }
    });
  }
});
