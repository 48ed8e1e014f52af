/**
 * The p-quantile of sorted values by linear interpolation between closest ranks (Hyndman & Fan type 7, the
 * default of R and NumPy), so the median of an even count is the mean of the middle two. Null for no values.
 * Precondition: `sorted` is ascending; 0 <= p <= 1.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
