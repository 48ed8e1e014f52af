import { CivdefError } from '@civdef/core';

/** An import file that cannot be used: the message names the file and, where it can, the line or feature. */
export class ImportFileError extends CivdefError {
  readonly code = 'bad-import-file';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
