import { IncidentCreate, SightingCreate, SupplyRequestCreate, UnitStatusChangeCreate, ClosureCreate, newUlid } from '@civdef/core';
import { describe, expect, it } from 'vitest';
import { aircraftSeen, needSupplies, roadBlocked, strikeHere, unitStatus } from './actions.js';
import type { RequestPayload } from './outbox.js';

const at = { lat: 36.2012345678, lon: 37.1598765432, accuracy_m: 12 };
const now = new Date('2026-11-23T10:00:00.000Z');
const bodyOf = (i: { payload: unknown }) => (i.payload as RequestPayload).body;

// The requests must pass the server's own schemas: a field action refused for its shape would be lost work.
describe('field actions', () => {
  it('make bodies the server schemas accept', () => {
    const id = newUlid();
    expect(IncidentCreate.safeParse(bodyOf(strikeHere(id, now, at, { name: 'alpha-1', unitId: null }))).success).toBe(true);
    expect(ClosureCreate.safeParse(bodyOf(roadBlocked(id, now, at))).success).toBe(true);
    expect(UnitStatusChangeCreate.safeParse(bodyOf(unitStatus(id, now, newUlid(), 'out-of-service', at))).success).toBe(true);
    expect(UnitStatusChangeCreate.safeParse(bodyOf(unitStatus(id, now, newUlid(), 'available', null))).success).toBe(true);
    expect(SightingCreate.safeParse(bodyOf(aircraftSeen(id, now, at, 'helicopter', null))).success).toBe(true);
    expect(SightingCreate.safeParse(bodyOf(aircraftSeen(id, now, at, 'jet', 270))).success).toBe(true);
    expect(SupplyRequestCreate.safeParse(bodyOf(needSupplies(id, now, 'body bags', at, { name: 'alpha-1', unitId: newUlid() }))).success).toBe(true);
    expect(SupplyRequestCreate.safeParse(bodyOf(needSupplies(id, now, 'water', null, { name: 'alpha-1', unitId: null }))).success).toBe(true);
  });

  it('carry the action id as the record id, so a retry is the same record', () => {
    const id = newUlid();
    const i = strikeHere(id, now, at, { name: 'alpha-1', unitId: null });
    expect(i.id).toBe(id);
    expect((bodyOf(i) as { id: string }).id).toBe(id);
    expect((bodyOf(i) as { lat: number }).lat).toBe(36.2012346);
  });
});
