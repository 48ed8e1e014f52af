import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/**
 * Field operations: worksites and the ASR levels completed on them, victims, hospitals, missing persons,
 * supply stocks and every movement of them, vehicle fuel and trips, shifts, volunteer casualties.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('worksites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('worksites.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('landmark', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('building_use', 'text', (c) => c.notNull())
    .addColumn('construction', 'text', (c) => c.notNull())
    .addColumn('floors', 'integer', (c) => c.notNull())
    .addColumn('collapse_type', 'text', (c) => c.notNull())
    .addColumn('hazards', 'text', (c) => c.notNull()) // JSON array
    .addColumn('triage_category', 'text')
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One A-1 per incident: two teams naming the same rubble differently is what the INSARAG ids prevent.
  await db.schema.createIndex('worksites_incident_code').on('worksites').columns(['incident_id', 'code']).unique().execute();

  await db.schema
    .createTable('worksite_asr')
    .addColumn('worksite_id', 'text', (c) => c.notNull().references('worksites.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('completed_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('worksite_asr_pk', ['worksite_id', 'level'])
    .execute();

  await db.schema
    .createTable('hospitals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('victims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('worksite_id', 'text', (c) => c.notNull().references('worksites.id'))
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('start_colour', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('extricated_at', 'text')
    .addColumn('age', 'integer')
    .addColumn('sex', 'text')
    .addColumn('hospital_id', 'text', (c) => c.references('hospitals.id'))
    .addColumn('handed_over_at', 'text')
    // Personal data: never copied into events.
    .addColumn('name', 'text')
    .addColumn('description', 'text')
    .addColumn('photo_media_id', 'text')
    .addColumn('family_contact', 'text') // JSON {name, relation?, phone?}
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('victims_worksite').on('victims').column('worksite_id').execute();
  await db.schema.createIndex('victims_incident').on('victims').column('incident_id').execute();
  await db.schema.createIndex('victims_found').on('victims').column('found_at').execute();

  await db.schema
    .createTable('missing_persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('age', 'integer')
    .addColumn('sex', 'text')
    .addColumn('description', 'text')
    .addColumn('last_seen_place', 'text')
    .addColumn('last_seen_lat', 'double precision')
    .addColumn('last_seen_lon', 'double precision')
    .addColumn('last_seen_at', 'text')
    .addColumn('asked_by', 'text', (c) => c.notNull()) // JSON {name, relation?, phone?, contact?}
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('victim_id', 'text', (c) => c.references('victims.id'))
    .addColumn('matched_at', 'text')
    .addColumn('family_told_at', 'text')
    .addColumn('family_told_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supply_stock')
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supply_stock_pk', ['centre_id', 'item'])
    .execute();

  await db.schema
    .createTable('supply_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('delta', 'double precision', (c) => c.notNull())
    .addColumn('quantity_after', 'double precision', (c) => c.notNull().check(sql`quantity_after >= 0`))
    .addColumn('other_centre_id', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supply_movements_stock').on('supply_movements').columns(['centre_id', 'item', 'at']).execute();
  await db.schema.createIndex('supply_movements_at').on('supply_movements').column('at').execute();

  await db.schema
    .createTable('vehicle_state')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('tank_l', 'double precision', (c) => c.notNull())
    .addColumn('fuel_l', 'double precision', (c) => c.notNull())
    .addColumn('litres_per_100km', 'double precision', (c) => c.notNull())
    .addColumn('maintenance', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vehicle_trips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('incident_id', 'text')
    .addColumn('distance_m', 'double precision', (c) => c.notNull())
    .addColumn('litres', 'double precision', (c) => c.notNull())
    .addColumn('fuel_after', 'double precision')
    .addColumn('note', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vehicle_trips_at').on('vehicle_trips').column('at').execute();

  await db.schema
    .createTable('shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('note', 'text')
    .execute();
  // One open shift per volunteer, kept by the database as well as by the service.
  await db.schema
    .createIndex('shifts_one_open_per_volunteer')
    .on('shifts')
    .column('volunteer_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema.createIndex('shifts_volunteer').on('shifts').columns(['volunteer_id', 'started_at']).execute();

  await db.schema
    .createTable('volunteer_casualties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id'))
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteer_casualties_at').on('volunteer_casualties').column('at').execute();
}
