import { newUlid } from '@civdef/core';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../db/connect.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { alertZone, emitAlert } from '../test-support/alert-events.js';
import { openTestStorage, testConfig } from '../test-support/harness.js';
import type { SirenMessage } from './siren-message.js';

// Sirens against the machine's real Mosquitto: what a siren would read from its retained topic, across a
// restart of the server runtime. Each run uses topics of its own, and clears them after.

const BROKER = process.env.CIVDEF_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const prefix = `civdef-test-${newUlid().toLowerCase()}/sirens`;
let storage: Storage;
let dataDir: string;
let cleanup: () => Promise<void>;
const runtimes: Runtime[] = [];

beforeAll(async () => {
  ({ storage, dataDir, cleanup } = await openTestStorage());
});
afterAll(async () => {
  for (const r of runtimes) await r.close();
  await clearRetained();
  await cleanup();
});

/** A server runtime on the test database with sirens on; closing it leaves the database open for the next. */
async function start(background = true, mqttUrl = BROKER): Promise<Runtime> {
  const shared: Storage = { ...storage, close: async () => {} };
  const rt = await openRuntime(testConfig(dataDir, { delivery: { mqttUrl, sirenTopicPrefix: prefix, publicUrl: undefined } }), shared);
  runtimes.push(rt);
  if (background) rt.startBackground();
  return rt;
}

async function stop(rt: Runtime): Promise<void> {
  runtimes.splice(runtimes.indexOf(rt), 1);
  await rt.close();
}

/** What a siren powering up now would read: the retained message of each zone topic, waiting for `expect` to hold. */
async function retained(until: (m: Map<string, SirenMessage>) => boolean, ms = 10_000): Promise<Map<string, SirenMessage>> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await readRetained();
    if (until(got) || Date.now() > end) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function readRetained(): Promise<Map<string, SirenMessage>> {
  const client = await mqtt.connectAsync(BROKER, { reconnectPeriod: 0 });
  const got = new Map<string, SirenMessage>();
  client.on('message', (topic, payload, packet) => {
    if (packet.retain && payload.length) got.set(topic.slice(prefix.length + 1), JSON.parse(payload.toString()) as SirenMessage);
  });
  await client.subscribeAsync(`${prefix}/+`, { qos: 1 });
  // Retained messages follow the SUBACK at once; a round trip more makes sure they are all in.
  await client.publishAsync(`${prefix}-probe`, 'x', { qos: 1 });
  await client.endAsync();
  return got;
}

async function clearRetained(): Promise<void> {
  const topics = [...(await readRetained()).keys()];
  const client = await mqtt.connectAsync(BROKER, { reconnectPeriod: 0 });
  for (const z of topics) await client.publishAsync(`${prefix}/${z}`, '', { qos: 1, retain: true });
  await client.endAsync();
}

const state = (m: Map<string, SirenMessage>) => Object.fromEntries([...m].map(([z, v]) => [z, `${v.action}:${v.alert}`]));

describe('sirens over MQTT', () => {
  it('sound and stop each zone by retained QoS 1 messages, and are right after a restart', async () => {
    const rt1 = await start();
    const a = newUlid();
    const now = new Date();
    const z1 = alertZone('z1', now, 10);
    const z2 = alertZone('z2', now, 20);
    await emitAlert(rt1.ctx, { type: 'alert.issued', alertId: a, zones: [z1, z2] });
    let got = await retained((m) => m.size === 2);
    expect(state(got)).toEqual({ z1: `sound:${a}`, z2: `sound:${a}` });
    // Every zone sounds until the end of the alert's latest window.
    expect(got.get('z1')!.until).toBe(z2.latest);

    // The aircraft turns: z1 is no longer warned, z3 is.
    await emitAlert(rt1.ctx, { type: 'alert.updated', alertId: a, zones: [alertZone('z2', now, 20), alertZone('z3', now, 20)] });
    got = await retained((m) => m.get('z1')?.action === 'stop' && m.has('z3'));
    expect(state(got)).toEqual({ z1: `stop:${a}`, z2: `sound:${a}`, z3: `sound:${a}` });
    expect(got.get('z1')!.until).toBeNull();
    await stop(rt1);

    // While no server publishes: the alert is cancelled, another issued, and a siren topic is left sounding by
    // some earlier deployment that no event of this log names.
    const down = await start(false);
    await emitAlert(down.ctx, { type: 'alert.cancelled', alertId: a, zones: [], previousZones: [alertZone('z2', now), alertZone('z3', now)] });
    const b = newUlid();
    await emitAlert(down.ctx, { type: 'alert.issued', alertId: b, zones: [alertZone('z4', now, 30)] });
    await stop(down);
    const stray = await mqtt.connectAsync(BROKER, { reconnectPeriod: 0 });
    await stray.publishAsync(`${prefix}/stray%2Fzone`, JSON.stringify({ alert: 'OLD', action: 'sound', until: null }), { qos: 1, retain: true });
    await stray.endAsync();
    expect(state(await readRetained())).toEqual({ z1: `stop:${a}`, z2: `sound:${a}`, z3: `sound:${a}`, 'stray%2Fzone': 'sound:OLD' });

    const rt2 = await start();
    got = await retained((m) => m.get('z2')?.action === 'stop' && m.has('z4') && m.get('stray%2Fzone')?.action === 'stop');
    expect(state(got)).toEqual({ z1: `stop:${a}`, z2: `stop:${a}`, z3: `stop:${a}`, z4: `sound:${b}`, 'stray%2Fzone': 'stop:OLD' });
    await stop(rt2);
  });

  it('stop a zone when its window closes, with no event saying so', async () => {
    const rt = await start();
    const id = newUlid();
    await emitAlert(rt.ctx, { type: 'alert.issued', alertId: id, zones: [alertZone('short', new Date(), 1 / 60)] });
    expect((await retained((m) => m.has('short'))).get('short')!.action).toBe('sound');
    const got = await retained((m) => m.get('short')?.action === 'stop', 5000);
    expect(got.get('short')).toEqual({ alert: id, action: 'stop', until: null });
    await stop(rt);
  });

  it('never hold up the server when the broker cannot be reached', async () => {
    const t0 = Date.now();
    const rt = await start(true, 'mqtt://127.0.0.1:1');
    await emitAlert(rt.ctx, { type: 'alert.issued', alertId: newUlid(), zones: [alertZone('nowhere', new Date())] });
    await new Promise((r) => setTimeout(r, 300)); // a reconnection or two fail meanwhile
    await stop(rt);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
