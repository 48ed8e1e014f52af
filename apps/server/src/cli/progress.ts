// Progress of a long command on stderr: a redrawn bar when a person watches a terminal, plain
// percentage lines (every 10%) when the output goes to a file or a CI log, where a redrawn bar is noise.

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the bar's line; `ok` false clears it, so an error that follows stays one line. */
  end(ok: boolean): void;
}

const WIDTH = 30;

/** A reporter for one task named `label`. Precondition: stream is where progress may go (stderr). */
export function progressOn(stream: NodeJS.WriteStream, label: string): Progress {
  let shown = -1;
  if (stream.isTTY) {
    return {
      update(done, total) {
        const pct = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0;
        if (pct === shown) return;
        shown = pct;
        const filled = Math.round((WIDTH * pct) / 100);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(pct).padStart(3)}%`);
      },
      end(ok) {
        if (shown >= 0) stream.write(ok ? '\n' : '\r\x1b[K');
      },
    };
  }
  return {
    update(done, total) {
      const step = total > 0 ? Math.min(10, Math.floor((10 * done) / total)) : 0;
      if (step <= shown) return;
      shown = step;
      stream.write(`${label}: ${step * 10}%\n`);
    },
    end() {},
  };
}
