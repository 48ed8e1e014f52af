import type { DomainEvent } from '@civdef/core';
import type { Selectable } from 'kysely';
import type { EventsTable } from '../db/schema.js';

/** A stored event row as the API shows it. */
export function eventFromRow(row: Selectable<EventsTable>): DomainEvent {
  return { ...row, seq: Number(row.seq), data: JSON.parse(row.data) as Record<string, unknown> };
}
