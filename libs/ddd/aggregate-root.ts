import type { DomainEvent } from './domain-event.js';

/**
 * Base of every aggregate: an identity, a version for optimistic concurrency and the
 * domain events recorded by its methods until the unit of work writes them to the outbox.
 */
export abstract class AggregateRoot {
  private pending: DomainEvent[] = [];

  protected constructor(
    readonly id: string,
    /** The version loaded from storage; 0 for an aggregate never saved. */
    private loadedVersion: number,
  ) {}

  get version(): number {
    return this.loadedVersion;
  }

  get isNew(): boolean {
    return this.loadedVersion === 0;
  }

  protected record(event: DomainEvent): void {
    this.pending.push(event);
  }

  /** The events recorded since the last call; the unit of work takes them once. */
  pullEvents(): DomainEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  /** Called by the repository once a save succeeded. */
  markSaved(): void {
    this.loadedVersion += 1;
  }
}
