// Alert delivery to relays: webhooks and their outbox.
export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  /** The HMAC-SHA256 key deliveries are signed with. */
  secret: string;
  /** Alert events after this seq are not yet queued for this webhook. */
  after_seq: number;
  created_by: string;
  created_at: string;
  deleted_at: string | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_seq: number;
  event_id: string;
  payload: string; // JSON, made once when queued
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** The delivery tables, as they appear in Database. */
export interface DeliveryTables {
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
