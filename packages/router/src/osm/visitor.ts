// What a reader hands to the import: ways in one pass, nodes in another. The readers (PBF, XML) know
// nothing of profiles or graphs; the import knows nothing of file formats.

export type Tags = ReadonlyMap<string, string>;

export interface OsmVisitor {
  /**
   * Ways without this key are not delivered, and their tags are not even decoded: on a country
   * extract most ways are buildings, and skipping them early is most of the pass's speed.
   */
  readonly wayKey?: string;
  /** Called for each way (when wayKey matches) with its node references in order. */
  way?(id: number, refs: readonly number[], tags: Tags): void;
  /**
   * A non-negative slot for a node the import needs, -1 otherwise. Nodes answered -1 are not decoded
   * further, so memory and time follow the road network, not the file.
   */
  nodeSlot?(id: number): number;
  /** Called for each wanted node; tags is null when the node has none. */
  node?(slot: number, lat: number, lon: number, tags: Tags | null): void;
}

export type OsmFormat = 'pbf' | 'xml' | 'xml.gz';
