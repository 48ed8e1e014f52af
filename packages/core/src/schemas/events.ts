import { z } from 'zod';

export const DomainEvent = z
  .strictObject({
    seq: z.number().int().meta({ description: 'Position in the log; the SSE id and the resume cursor' }),
    id: z.string(),
    type: z.string().meta({ example: 'unit.status-changed' }),
    subject_type: z.string(),
    subject_id: z.string(),
    actor_id: z.string().nullable(),
    device_id: z.string().nullable(),
    at: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Event' });
export type DomainEvent = z.infer<typeof DomainEvent>;
