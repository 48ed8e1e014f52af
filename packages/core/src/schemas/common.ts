import { z } from 'zod';
import { ULID_PATTERN } from '../ids/ulid.js';

export const Ulid = z
  .string()
  .regex(ULID_PATTERN, 'must be a ULID: 26 characters of upper-case Crockford base32')
  .meta({ example: '01JD2Q7ZK3X8J5W6V4T2R0P9NM' });

export const Latitude = z.number().min(-90, 'latitude must be >= -90').max(90, 'latitude must be <= 90');
export const Longitude = z.number().min(-180, 'longitude must be >= -180').max(180, 'longitude must be <= 180');

/** ISO 8601 time with an offset; stored as UTC. */
export const IsoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with a zone, e.g. 2026-11-23T10:00:00Z' });

export const Name = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
export const Note = z.string().max(2000, 'must be at most 2000 characters');

/** E.164-like phone number: digits, optional leading +. */
export const Phone = z.string().regex(/^\+?[0-9]{6,15}$/, 'must be a phone number of 6-15 digits, optionally starting with +');

/** Pagination cursor limits shared by list routes. */
export const Limit = z.coerce.number().int().min(1).max(1000).default(100);

/** An event sequence number in a query or a Last-Event-ID header. Digits only: Number() would also take '0x10' or '1e3'. */
export const EventSeq = z.string().regex(/^\d{1,15}$/, 'must be a non-negative integer').transform(Number);

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
