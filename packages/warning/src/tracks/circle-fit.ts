// The centre of a circle of known radius through noisy points: where spotters saw a circling aircraft. The
// weighted mean of the points is a fair start but falls short of the centre when the points lie on one arc (a
// spotter sees the near side of the circle best); fitting the radius pulls it back.

export interface Fix {
  x: number;
  y: number;
  /** The point's variance per axis, m². */
  variance: number;
}

/**
 * The centre minimising Σ (|p - c| - radius)² / variance, plus (c - start)² / start.sd² to keep it near the mean
 * where the points do not settle it (a few points on a short arc fit either side). Gauss-Newton from start.
 * Precondition: radius > 0, start.sd > 0.
 */
export function fitCircleCentre(fixes: readonly Fix[], radius: number, start: { x: number; y: number; sd: number }): { x: number; y: number } {
  let [cx, cy] = [start.x, start.y];
  const anchor = 1 / start.sd ** 2;
  for (let iteration = 0; iteration < 10; iteration++) {
    let [a11, a12, a22, b1, b2] = [anchor, 0, anchor, anchor * (start.x - cx), anchor * (start.y - cy)];
    for (const f of fixes) {
      const [dx, dy] = [f.x - cx, f.y - cy];
      const d = Math.hypot(dx, dy);
      if (d === 0) continue;
      // The residual d - radius falls by (dx, dy) / d per metre the centre moves toward the point.
      const [jx, jy] = [-dx / d, -dy / d];
      const w = 1 / f.variance;
      a11 += w * jx * jx;
      a12 += w * jx * jy;
      a22 += w * jy * jy;
      b1 -= w * jx * (d - radius);
      b2 -= w * jy * (d - radius);
    }
    const det = a11 * a22 - a12 * a12;
    const [sx, sy] = [(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det];
    cx += sx;
    cy += sy;
    if (Math.hypot(sx, sy) < 1) break;
  }
  return { x: cx, y: cy };
}
