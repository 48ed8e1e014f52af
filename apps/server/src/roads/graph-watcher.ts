// Notices a graph file replaced in the data folder (civdef import-osm or demo-city run beside a running
// server), so the server loads the new map without a restart. Graph files are written to a temp file and
// renamed into place, so a change event never sees half a file; events come in bursts, hence the pause.
import { watch, type FSWatcher } from 'node:fs';
import type { Profile } from '@civdef/router';
import { PROFILES, roadsDir } from './paths.js';

const SETTLE_MS = 200;

export interface GraphWatcher {
  close(): void;
}

/** Calls onChange(profile) once a profile's graph file has changed and settled. Precondition: the roads folder exists. */
export function watchGraphs(dataDir: string, onChange: (profile: Profile) => void, onError: (err: Error) => void): GraphWatcher {
  const timers = new Map<Profile, NodeJS.Timeout>();
  let watcher: FSWatcher;
  try {
    watcher = watch(roadsDir(dataDir), { persistent: false }, (_event, name) => {
      const profile = PROFILES.find((p) => name === `${p}.graph`);
      if (!profile) return;
      clearTimeout(timers.get(profile));
      timers.set(profile, setTimeout(() => onChange(profile), SETTLE_MS).unref());
    });
  } catch (err) {
    // Some file systems cannot be watched: the server then loads a new map at its next start, as documented.
    onError(err as Error);
    return { close() {} };
  }
  watcher.on('error', onError);
  return {
    close() {
      for (const t of timers.values()) clearTimeout(t);
      watcher.close();
    },
  };
}
