import { DoubleTapAdvisoryData } from '@civdef/core';
import { aircraftAdvisoryHazards } from '../dispatch/aircraft-advisories.js';
import type { HazardSource } from '../dispatch/hazards.js';
import type { AppContext } from './context.js';

/** Advisories older than this are not read; the engine's hold lasts 20 minutes. */
const LOOKBACK_MS = 6 * 3_600_000;

/**
 * The warning engine's double-tap advisories as a hazard source, read from their `advisory.double-tap` events:
 * stored, so they hold across a restart or an engine rebuild, and lifted at their own `until`.
 * Precondition: ctx.storage migrated.
 */
export function aircraftAdvisorySource(ctx: Pick<AppContext, 'storage' | 'log'>): HazardSource {
  return {
    async hazardsAt(point, now) {
      const rows = await ctx.storage.db
        .selectFrom('events')
        .select(['seq', 'data'])
        .where('type', '=', 'advisory.double-tap')
        .where('at', '>=', new Date(now.getTime() - LOOKBACK_MS).toISOString())
        .where('at', '<=', now.toISOString())
        .execute();
      const advisories = rows.flatMap((r) => {
        const parsed = DoubleTapAdvisoryData.safeParse(JSON.parse(r.data));
        // A malformed record cannot hold anyone back; say so rather than fail the dispatch.
        if (!parsed.success) ctx.log.warn({ seq: r.seq }, 'an advisory.double-tap event does not match its schema; ignored');
        return parsed.success ? [parsed.data] : [];
      });
      return aircraftAdvisoryHazards(advisories, point, now);
    },
  };
}
