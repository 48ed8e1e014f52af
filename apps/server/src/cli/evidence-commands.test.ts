// The evidence commands as an investigator's liaison runs them: the real civdef process exports an incident
// from a store of its own (written here through the services), then verifies the bundle with no database.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { IncidentCreate, newUlid, UnitCreate } from '@civdef/core';
import { generateSigningKey } from '@civdef/evidence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../runtime.js';
import { createUser } from '../services/accounts.js';
import { SYSTEM_ACTOR, type Actor } from '../services/context.js';
import { assignUnit, createIncident } from '../services/incidents.js';
import { appendChunk, completeUpload, startUpload } from '../services/media.js';
import { createCentre, createTeam } from '../services/organisation.js';
import { changeUnitStatus, createUnit } from '../services/units.js';
import { freshCliStore, runCivdef, type CliStore } from '../test-support/cli-run.js';
import { testConfig } from '../test-support/harness.js';

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
// Over the 8 MiB at which export shows progress.
const VIDEO = randomBytes(9 * 1024 * 1024);

let s: CliStore;
let incidentId: string;
let out: string;

/** An incident worked by a dispatcher and a team leader, with a 9 MiB video; returns the incident id. */
async function recordIncident(store: CliStore): Promise<string> {
  const runtime = await openRuntime(testConfig(store.dataDir, { databaseUrl: store.databaseUrl }));
  try {
    const ctx = runtime.ctx;
    const dispatcher: Actor = { userId: (await createUser(ctx, SYSTEM_ACTOR, { name: 'amal', role: 'dispatcher' })).user.id, deviceId: 'ops-1' };
    const leader: Actor = { userId: (await createUser(ctx, SYSTEM_ACTOR, { name: 'khaled', role: 'team-leader' })).user.id, deviceId: 'phone-3' };
    const centre = newUlid();
    const team = newUlid();
    const unit = newUlid();
    await createCentre(ctx, SYSTEM_ACTOR, { id: centre, name: 'Centre East', lat: 36.2, lon: 37.15 });
    await createTeam(ctx, SYSTEM_ACTOR, { id: team, name: 'Team 1', centre_id: centre });
    await createUnit(ctx, SYSTEM_ACTOR, UnitCreate.parse({ id: unit, name: 'Rescue-4', kind: 'rescue-truck', centre_id: centre, team_id: team, lat: 36.2, lon: 37.15 }));
    const incident = IncidentCreate.parse({ id: newUlid(), kind: 'barrel-bomb', lat: 36.21, lon: 37.16, occurred_at: new Date().toISOString(), severity: 5, source: 'spotter' });
    await createIncident(ctx, dispatcher, incident);
    await assignUnit(ctx, dispatcher, incident.id, { id: newUlid(), unit_id: unit });
    await changeUnitStatus(ctx, leader, unit, { id: newUlid(), status: 'en-route' });
    const media = newUlid();
    await startUpload(ctx, leader, { id: media, content_type: 'video/mp4', filename: 'strike.mp4', bytes: VIDEO.length, incident_id: incident.id });
    await appendChunk(ctx, leader, media, 0, Readable.from([VIDEO]));
    await completeUpload(ctx, leader, media);
    return incident.id;
  } finally {
    await runtime.close();
  }
}

beforeAll(async () => {
  s = await freshCliStore();
  incidentId = await recordIncident(s);
  out = join(s.dataDir, '..', 'out');
  mkdirSync(out);
}, 120_000);
afterAll(async () => {
  await s?.cleanup();
});

describe('civdef evidence', { timeout: 180_000 }, () => {
  let key: string;
  // Records of the incident (7 today: other services may add more) plus the video's metadata and the video.
  let items: number;
  const dir = () => join(out, 'bundle');
  const tar = () => join(out, 'bundle.tar');

  it('export writes a folder and a .tar, with progress for the large video, and says how to verify', async () => {
    const r = await runCivdef(['evidence', 'export', '--incident', incidentId, '--by', 'liaison-officer', dir()], s.env);
    expect(r.code, r.stderr).toBe(0);
    const said = lines(r.stdout);
    const wrote = /^Wrote .*bundle: (\d+) records and 1 media files, each with its proof to the checkpoint of \d+ entries of civdef\.local\/log-[0-9a-f]+\.$/.exec(said[0]!);
    expect(wrote, said[0]).not.toBeNull();
    items = Number(wrote![1]) + 2;
    expect(items).toBeGreaterThanOrEqual(9);
    key = /--key (\S+)$/.exec(said[1]!)![1]!;
    expect(readFileSync(join(s.dataDir, 'evidence-verifier.pub'), 'utf8').trim()).toBe(key);
    expect(lines(r.stderr)).toEqual([...Array(11).keys()].map((i) => expect.stringMatching(new RegExp(`^read media/.*-strike\\.mp4: ${i * 10}%$`))));
    expect(readdirSync(dir()).sort()).toEqual(['README.txt', 'checkpoint.txt', 'log-key.txt', 'manifest.json', 'media', 'metadata', 'records', 'witness-keys.txt']);
    expect(readFileSync(join(dir(), 'README.txt'), 'utf8')).toContain('liaison-officer: exported this bundle');

    const t = await runCivdef(['evidence', 'export', '--incident', incidentId, tar()], s.env);
    expect(t.code, t.stderr).toBe(0);
  });

  it('verify passes with the published key, loudly warns without one, and takes a key file', async () => {
    for (const target of [dir(), tar()]) {
      const r = await runCivdef(['evidence', 'verify', target, '--key', key], s.env);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const said = lines(r.stdout);
      expect(said[0]).toMatch(/^ok {6}checkpoint\.txt: \d+ entries, root \S+, signed by civdef\.local\/log-\w+ \(the key you gave\)$/);
      expect(said.slice(1, -1)).toHaveLength(items);
      expect(said.slice(1, -1).every((l) => l.startsWith('ok      '))).toBe(true);
      expect(said.at(-1)).toMatch(new RegExp(`^VERIFIED: all ${items} items are unaltered and in the log at checkpoint size \\d+$`));
      expect(r.stderr).toBe('');
    }
    const own = await runCivdef(['evidence', 'verify', dir()], s.env);
    expect(own.code).toBe(0);
    expect(own.stderr).toContain('WARNING: no --key given');
    expect(own.stderr).toContain(key);
    expect(lines(own.stdout).at(-1)).toContain("checked against the bundle's own key: see the warning");
    const keyFile = join(out, 'keys.txt');
    writeFileSync(keyFile, `# published on the service's site\n${key}\n`);
    expect((await runCivdef(['evidence', 'verify', tar(), '--key-file', keyFile], s.env)).code).toBe(0);
  });

  it('verify fails (exit 1) naming the altered item, the damaged archive, or the wrong key', async () => {
    const video = join(dir(), 'media', readdirSync(join(dir(), 'media'))[0]!);
    const bytes = readFileSync(video);
    bytes[4_000_000]! ^= 0x01;
    writeFileSync(video, bytes);
    let r = await runCivdef(['evidence', 'verify', dir(), '--key', key], s.env);
    expect(r.code).toBe(1);
    const failed = lines(r.stdout).filter((l) => l.startsWith('FAILED'));
    expect(failed).toEqual([expect.stringMatching(/^FAILED {2}media\/\w+-strike\.mp4 \(media, log entry \d+\): media bytes do not hash to the recorded SHA-256 [0-9a-f]{64}: the file was altered$/)]);
    expect(lines(r.stdout).at(-1)).toBe(`NOT VERIFIED: 1 of ${items} items failed, 0 problem(s) with the bundle as a whole`);

    // A record inside the .tar, changed in place: the archive still reads, the record fails.
    const archive = readFileSync(tar());
    const at = archive.indexOf('"barrel-bomb"');
    expect(at).toBeGreaterThan(0);
    const edited = Buffer.from(archive);
    edited.write('"fire-bomb"  ', at, 'latin1');
    const editedTar = join(out, 'edited.tar');
    writeFileSync(editedTar, edited);
    r = await runCivdef(['evidence', 'verify', editedTar, '--key', key], s.env);
    expect(r.code).toBe(1);
    expect(lines(r.stdout).filter((l) => l.startsWith('FAILED'))[0]).toMatch(/^FAILED {2}records\/\d+-incident\.reported\.json \(record, log entry \d+\): the file do not hash/);

    const header = Buffer.from(archive);
    header[5]! ^= 0x10; // in the first file's name
    writeFileSync(editedTar, header);
    r = await runCivdef(['evidence', 'verify', editedTar, '--key', key], s.env);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toMatch(/^FAILED {2}.*edited\.tar: Malformed tar: header checksum mismatch at byte 0$/);

    const stranger = generateSigningKey(key.split('+')[0]!).verifierKey;
    r = await runCivdef(['evidence', 'verify', tar(), '--key', stranger], s.env);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toMatch(/^FAILED {2}checkpoint\.txt: the checkpoint signature or format is bad/);
  });

  it('bad usage exits 2 with one line; a refused export exits 1 with one line', async () => {
    const usage: string[][] = [
      ['evidence', 'verify'],
      ['evidence', 'verify', tar(), '--key', 'not-a-key'],
      ['evidence', 'verify', tar(), '--key', 'a', '--key-file', 'b'],
      ['evidence', 'export', '--incident', 'nope', join(out, 'x')],
    ];
    for (const args of usage) {
      const r = await runCivdef(args, s.env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(lines(r.stderr), args.join(' ')).toEqual([expect.stringMatching(/^civdef: /)]);
    }
    const refused: [string[], RegExp][] = [
      [['evidence', 'export', '--incident', newUlid(), join(out, 'x')], /^civdef: No incident with id \w+$/],
      [['evidence', 'export', '--incident', incidentId, dir()], /^civdef: .*bundle exists and is not empty; choose a new name$/],
      [['evidence', 'verify', join(out, 'absent')], /^civdef: cannot read .*absent: no such file or folder$/],
    ];
    for (const [args, line] of refused) {
      const r = await runCivdef(args, s.env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(lines(r.stderr), args.join(' ')).toEqual([expect.stringMatching(line)]);
    }
  });
});
