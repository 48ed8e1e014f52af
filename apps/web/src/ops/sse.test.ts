import { describe, expect, it } from 'vitest';
import { parseSse } from './sse.js';

describe('parseSse', () => {
  it('reads id, event and multi-line data, skipping comments', () => {
    const { messages, rest } = parseSse('retry: 3000\n: resuming after 4\n\nid: 5\nevent: unit.moved\ndata: {"a":\ndata: 1}\n\n: keep-alive\n\nid: 6\ndata: x');
    expect(messages).toEqual([{ id: '5', event: 'unit.moved', data: '{"a":\n1}' }]);
    expect(rest).toBe('id: 6\ndata: x');
  });

  it('joins a message split across chunks', () => {
    const first = parseSse('id: 7\nevent: a\nda');
    expect(first.messages).toEqual([]);
    const second = parseSse(`${first.rest}ta: hello\r\n\r\n`);
    expect(second.messages).toEqual([{ id: '7', event: 'a', data: 'hello' }]);
    expect(second.rest).toBe('');
  });
});
