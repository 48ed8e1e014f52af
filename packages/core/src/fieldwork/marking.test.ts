import { describe, expect, it } from 'vitest';
import { markingDate, worksiteMarking } from './marking.js';

describe('worksite marking', () => {
  it('paints id, ASR lines in level order, hazards above, triage below, counts at the sides', () => {
    const m = worksiteMarking({
      code: 'B-2',
      triageCategory: 'A',
      hazards: ['gas', 'unexploded-ordnance'],
      asr: [
        { level: 3, team: 'Hanano-2', at: '2026-01-04T08:00:00Z' },
        { level: 2, team: 'Hanano-1', at: '2026-01-03T22:59:00Z' },
      ],
      liveRemoved: 2,
      deadRemoved: 1,
      closed: false,
    });
    expect(m.inside).toEqual(['B-2', 'HANANO-1 - ASR2 - 03 JAN', 'HANANO-2 - ASR3 - 04 JAN']);
    expect(m.above).toBe('GAS, UNEXPLODED-ORDNANCE');
    expect(m.below).toBe('A');
    expect([m.left, m.right]).toEqual(['L-2', 'D-1']);
    expect(m.text).toBe(
      'ABOVE: GAS, UNEXPLODED-ORDNANCE\nBOX: B-2 / HANANO-1 - ASR2 - 03 JAN / HANANO-2 - ASR3 - 04 JAN\nLEFT: L-2\nRIGHT: D-1\nBELOW: A',
    );
  });

  it('leaves out what is not known and says when the box is struck through', () => {
    const m = worksiteMarking({ code: 'A-1a', triageCategory: null, hazards: [], asr: [], liveRemoved: 0, deadRemoved: 0, closed: true });
    expect(m.text).toBe('BOX: A-1a (line drawn through: work complete)\nLEFT: L-0\nRIGHT: D-0');
    expect(m.complete).toBe(true);
  });

  it('dates in UTC with a month name', () => {
    expect(markingDate('2026-12-31T23:30:00-01:00')).toBe('01 JAN');
  });
});
