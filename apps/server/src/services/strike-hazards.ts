import { STRIKE_KINDS } from '@civdef/core';
import { strikeWindowHazards, type HazardSource, type StrikeWindow } from '../dispatch/hazards.js';
import type { AppContext } from './context.js';

/** The strike-window hazard source over the incidents in storage. Precondition: ctx.storage migrated. */
export function strikeWindowSource(ctx: Pick<AppContext, 'storage'>, w: StrikeWindow): HazardSource {
  return {
    async hazardsAt(point, now) {
      if (w.radiusM <= 0 || w.minutes <= 0) return [];
      const strikes = await ctx.storage.db
        .selectFrom('incidents')
        .select(['id', 'kind', 'lat', 'lon', 'occurred_at'])
        .where('kind', 'in', [...STRIKE_KINDS])
        .where('occurred_at', '>=', new Date(now.getTime() - w.minutes * 60_000).toISOString())
        .where('occurred_at', '<=', now.toISOString())
        .execute();
      return strikeWindowHazards(strikes as Parameters<typeof strikeWindowHazards>[0], point, now, w);
    },
  };
}
