import { describe, expect, it } from 'vitest';
import { backoffMs, parseBlocks } from './stream.js';

describe('parseBlocks', () => {
  it('reads the stream opening: retry, alert events, a reset and the id-only cursor; skips the heartbeat', () => {
    const text = 'retry: 3000\n\nevent: reset\ndata: {"seq":7}\n\nid: 5\nevent: alert.issued\ndata: {"a":1}\n\n: keep-alive\n\nid: 9\n\n';
    expect(parseBlocks(text)).toEqual({
      blocks: [
        { id: null, event: null, data: null, retry: 3000 },
        { id: null, event: 'reset', data: '{"seq":7}', retry: null },
        { id: '5', event: 'alert.issued', data: '{"a":1}', retry: null },
        { id: '9', event: null, data: null, retry: null },
      ],
      rest: '',
    });
  });

  it('keeps an unfinished block for the next chunk, across CRLF and split lines', () => {
    const first = parseBlocks('id: 1\r\nevent: alert.updated\r\ndata: {"x"');
    expect(first.blocks).toEqual([]);
    const second = parseBlocks(`${first.rest}:2}\r\ndata: more\r\n\r\nid: 2`);
    expect(second.blocks).toEqual([{ id: '1', event: 'alert.updated', data: '{"x":2}\nmore', retry: null }]);
    expect(second.rest).toBe('id: 2');
  });

  it('ignores unknown fields and a retry that is not a number', () => {
    expect(parseBlocks('foo: bar\nretry: soon\n\n').blocks).toEqual([]);
  });
});

describe('backoffMs', () => {
  it('doubles from the server retry per failure, caps at 30 s, and spreads by jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(3000, n, 1))).toEqual([3000, 6000, 12000, 24000]);
    expect(backoffMs(3000, 5, 1)).toBe(30_000);
    expect(backoffMs(3000, 50, 1)).toBe(30_000);
    expect(backoffMs(3000, 1, 0)).toBe(1500);
  });
});
