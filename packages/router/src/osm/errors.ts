// Errors of the OSM import. They extend CivdefError so the server maps them to a 4xx problem and the
// CLI to an exit code: a bad file is bad input, never a crash.
import { CivdefError } from '@civdef/core';

/** The file is not valid OSM PBF or XML: corrupt, truncated, or an unsupported feature. */
export class OsmFormatError extends CivdefError {
  readonly code = 'osm-format';
  constructor(
    /** Byte offset in the file (for gzip-compressed XML: in the decompressed stream) where reading failed. */
    readonly byteOffset: number,
    /** 0-based index of the PBF blob being read, or null for XML. */
    readonly block: number | null,
    readonly reason: string,
    readonly file = '',
  ) {
    super(
      `${file ? `${file}: ` : ''}invalid OSM data at byte ${byteOffset}` +
        `${block === null ? '' : ` (block ${block})`}: ${reason}`,
    );
  }
}

/** The file cannot be opened or read at all (missing, a directory, no permission). */
export class OsmFileError extends CivdefError {
  readonly code = 'osm-file';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Cannot read OSM file ${file}: ${reason}`);
  }
}
