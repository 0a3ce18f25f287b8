import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, kept on the GraphQL context: a field that references another
 * module's data (Opportunity.region, Match.opportunity) asks the owner's query once per
 * request for all the ids it needs, instead of once per row.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(name: string, batch: (ids: readonly string[]) => Promise<ReadonlyArray<V | null>>): DataLoader<string, V | null> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<string, unknown>((ids) => batch(ids) as Promise<unknown[]>, { maxBatchSize: 500 });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<string, V | null>;
  }
}

/** Orders `items` to match `ids`, with null where an id found nothing (DataLoader's contract). */
export function alignById<V>(ids: readonly string[], items: readonly V[], idOf: (item: V) => string): Array<V | null> {
  const byId = new Map(items.map((item) => [idOf(item), item]));
  return ids.map((id) => byId.get(id) ?? null);
}
