// The preload's plain name lists and the contract's tables name exactly the same channels and events.
import { describe, expect, it } from 'vitest';
import { channelNameList, eventIpcChannel, eventNameList } from '../../../../electron/contract/channel-names';
import { channels, events } from '../../../../electron/contract/channels';

describe('channel name lists', () => {
  it('list every channel of the table, once', () => {
    expect([...channelNameList].sort()).toEqual(Object.keys(channels).sort());
    expect(new Set(channelNameList).size).toBe(channelNameList.length);
  });
  it('list every event of the table, once', () => {
    expect([...eventNameList].sort()).toEqual(Object.keys(events).sort());
  });
  it('carry events on IPC channels no invoke channel uses', () => {
    for (const name of eventNameList) expect(channelNameList).not.toContain(eventIpcChannel(name));
  });
});
