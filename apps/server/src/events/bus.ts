import type { DomainEvent } from '@civdef/core';

export type EventListener = (event: DomainEvent) => void;

/** Where committed events go for live readers. In-process by default; a NATS adapter can implement the same. */
export interface EventBus {
  publish(events: readonly DomainEvent[]): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void;
}

/** In-process bus. A throwing listener is isolated so it cannot break the writer or other readers. */
export function createLocalBus(onListenerError: (err: unknown) => void = () => {}): EventBus {
  const listeners = new Set<EventListener>();
  return {
    publish(events) {
      for (const e of events) {
        for (const l of listeners) {
          try {
            l(e);
          } catch (err) {
            onListenerError(err);
          }
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
