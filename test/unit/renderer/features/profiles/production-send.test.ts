// When a send asks the production question, and the collections and counts it shows.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../../electron/contract/channels';
import {
  batchCollections,
  needsProductionConfirmation,
} from '../../../../../renderer/features/profiles/production-send';

const profile = (production: boolean, confirmProduction: boolean): Profile => ({
  id: 'p',
  name: 'Prod',
  baseUrl: 'https://api.getconnect.io',
  projectId: 'x',
  color: '#ff0000',
  production,
  confirmProduction,
  builtIn: false,
  key: { set: true },
});

describe('production send', () => {
  it('asks only for a production profile whose confirmation is on', () => {
    expect(needsProductionConfirmation(profile(true, true))).toBe(true);
    expect(needsProductionConfirmation(profile(true, false))).toBe(false);
    expect(needsProductionConfirmation(profile(false, true))).toBe(false);
  });

  it('counts events per collection, or gives up on text that is not a JSON object', () => {
    expect(batchCollections('{"a":[{},{}],"b":[{}],"c":5}')).toEqual([
      { name: 'a', events: 2 },
      { name: 'b', events: 1 },
      { name: 'c', events: 0 },
    ]);
    expect(batchCollections('{"a": [')).toBeUndefined();
    expect(batchCollections('[1,2]')).toBeUndefined();
  });
});
