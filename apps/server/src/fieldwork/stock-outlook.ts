import { round3 } from './quantity.js';

/** The recent rate is read over this many days. */
export const RATE_WINDOW_DAYS = 7;
/** Fewer days left than this at the recent rate is a low-stock warning: time to ask for a delivery. */
export const LOW_STOCK_DAYS = 3;
const DAY_MS = 86_400_000;

export interface StockOutlook {
  days_left: number | null;
  level: 'ok' | 'low' | 'out';
}

/**
 * How long a stock lasts at the rate it was used lately. The rate is `used` over the window, or over the time
 * since the stock was first recorded when that is shorter (but at least a day), so a centre that opened
 * yesterday and used ten bags is not read as using ten a week.
 * Precondition: quantity and used are >= 0; times are epoch ms; firstMs <= nowMs.
 */
export function stockOutlook(quantity: number, used: number, firstMs: number, nowMs: number): StockOutlook {
  if (quantity <= 0) return { days_left: 0, level: 'out' };
  if (used <= 0) return { days_left: null, level: 'ok' };
  const days = Math.min(RATE_WINDOW_DAYS, Math.max(1, (nowMs - firstMs) / DAY_MS));
  const daysLeft = quantity / (used / days);
  return { days_left: Math.round(daysLeft * 10) / 10, level: daysLeft < LOW_STOCK_DAYS ? 'low' : 'ok' };
}

/** The stock after a movement, or null when it would go below zero. Precondition: finite numbers. */
export function stockAfter(quantity: number, delta: number): number | null {
  const after = round3(quantity + delta);
  return after < 0 ? null : after;
}
