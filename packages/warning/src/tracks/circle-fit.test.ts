import { describe, expect, it } from 'vitest';
import { fitCircleCentre, type Fix } from './circle-fit.js';

const R = 3000;
const on = (deg: number, variance: number, r = R): Fix => ({ x: r * Math.cos((deg * Math.PI) / 180), y: r * Math.sin((deg * Math.PI) / 180), variance });

describe('fitCircleCentre', () => {
  it('finds the centre of a circle seen only along one arc, where the mean of the points falls short', () => {
    // Fixes a spotter south of the circle made of its near side, 200 m sure.
    const fixes = [-130, -110, -90, -70, -50].map((a) => on(a, 200 ** 2));
    const mean = { x: 0, y: fixes.reduce((s, f) => s + f.y, 0) / fixes.length, sd: 1500 };
    expect(mean.y).toBeLessThan(-2000);
    const c = fitCircleCentre(fixes, R, mean);
    expect(Math.hypot(c.x, c.y)).toBeLessThan(300);
  });

  it('stays at the start when the fixes sit round the whole circle', () => {
    const fixes = [0, 90, 180, 270].map((a) => on(a, 1000 ** 2));
    const c = fitCircleCentre(fixes, R, { x: 0, y: 0, sd: 1000 });
    expect(Math.hypot(c.x, c.y)).toBeLessThan(1);
  });

  it('keeps to the start when its one fix says nothing of direction', () => {
    const c = fitCircleCentre([on(90, 2000 ** 2)], R, { x: 0, y: 2000, sd: 800 });
    expect(Math.hypot(c.x, c.y - 2000)).toBeLessThan(1500);
  });
});
