// The early-warning imports: zones (GeoJSON neighbourhoods, replacing those in use) and strike history (CSV, for
// the prior). A running server on the same database picks either up at its next tick.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { configFrom, withStorageOptions } from './options.js';
import { serverModules } from './server-modules.js';

type Out = (line: string) => void;

async function readText(file: string): Promise<string> {
  const { ImportFileError } = await serverModules();
  return readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new ImportFileError(file, `cannot read it (${err.code ?? err.message})`);
  });
}

/** Adds import-zones and import-incidents to the program. Precondition: program has exitOverride set. */
export function addZoneCommands(program: Command, out: Out): void {
  withStorageOptions(
    program
      .command('import-zones')
      .description('Import the zones alerts warn: a GeoJSON FeatureCollection of Polygons and MultiPolygons')
      .argument('<file.geojson>', 'zones; properties id, name, name:en, name:ar (ids must be unique)')
      .addHelpText('after', '\nReplaces the zones in use (the demo city\'s neighbourhoods or a hex grid until a first import).\nA file that cannot be used fails with one line naming the feature, exit 1, and nothing is written.'),
  ).action(async (file: string, opts: { dataDir?: string }) => {
    const text = await readText(file);
    const { openRuntime, importZones, SYSTEM_ACTOR } = await serverModules();
    const runtime = await openRuntime(configFrom(opts, { logLevel: 'error' }));
    try {
      const r = await importZones(runtime.ctx, SYSTEM_ACTOR, basename(file), text);
      out(r.unchanged ? `${basename(file)}: these ${r.zones} zones are already in use; nothing changed.` : `Imported ${r.zones} zones from ${basename(file)}.`);
    } finally {
      await runtime.close();
    }
  });

  withStorageOptions(
    program
      .command('import-incidents')
      .description('Import the history of strikes the forecast weighs zones by: a CSV with date, latitude, longitude')
      .argument('<file.csv>', 'a header naming date, latitude, longitude (optional time, kind, killed, injured; ACLED names too)')
      .addHelpText('after', '\nRows that cannot be read are reported with their line number on stderr and skipped (exit 1); the rest are imported.\nImporting the same file again changes nothing.'),
  ).action(async (file: string, opts: { dataDir?: string }) => {
    const text = await readText(file);
    const { openRuntime, importHistory, SYSTEM_ACTOR } = await serverModules();
    const runtime = await openRuntime(configFrom(opts, { logLevel: 'error' }));
    try {
      const r = await importHistory(runtime.ctx, SYSTEM_ACTOR, basename(file), text);
      for (const p of r.problems) process.stderr.write(`civdef: ${basename(file)} line ${p.line}: ${p.reason}\n`);
      const skipped = r.problems.length ? `; ${r.problems.length} unreadable row(s) skipped` : '';
      if (r.unchanged) out(`${basename(file)} was imported before; nothing changed.`);
      else out(`Imported ${r.rows} strike(s) from ${basename(file)}${skipped}.`);
      if (r.problems.length) process.exitCode = 1;
    } finally {
      await runtime.close();
    }
  });
}
