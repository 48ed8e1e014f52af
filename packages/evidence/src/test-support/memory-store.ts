// An in-memory node store fed by CompactRange's full-node reports, for tests of proof generation.
import { type NodeId, type NodeReader } from '../index.js';

/** Stores reported full nodes by (level, index). */
export class MemoryNodeStore implements NodeReader {
  readonly nodes = new Map<string, Uint8Array>();
  reads = 0;

  readonly put = (level: number, index: number, hash: Uint8Array): void => {
    this.nodes.set(`${level}/${index}`, hash);
  };

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    this.reads++;
    return ids.map(({ level, index }) => {
      const h = this.nodes.get(`${level}/${index}`);
      if (!h) throw new Error(`node ${level}/${index} is not stored`);
      return h;
    });
  }
}
