import { describe, expect, it } from 'vitest';
import { parseMaxspeed } from './maxspeed.js';
import { PROFILES } from './profile.js';
import { FOOT_KMH, VEHICLE_KMH, WALK_KMH } from './speeds.js';

/** 'k=v k2="v with spaces"' -> tags. */
const tags = (s: string): Map<string, string> =>
  new Map([...s.matchAll(/([^\s=]+)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')]));

const MPH = 1.609344;
const res = VEHICLE_KMH.residential!;
const pri = VEHICLE_KMH.primary!;

// [tags, expected [forward km/h, backward km/h] or null when the way is not in the network]
const vehicleWays: [string, [number, number] | null][] = [
  ['highway=residential', [res, res]],
  ['highway=primary oneway=yes', [pri, 0]],
  ['highway=primary oneway=1', [pri, 0]],
  ['highway=primary oneway=true', [pri, 0]],
  ['highway=primary oneway=-1', [0, pri]],
  ['highway=primary oneway=no', [pri, pri]],
  ['highway=primary oneway=reversible', null],
  ['highway=primary oneway=alternating', [pri, pri]],
  ['highway=primary junction=roundabout', [pri, 0]],
  ['highway=primary junction=circular', [pri, 0]],
  ['highway=primary junction=roundabout oneway=no', [pri, pri]],
  ['highway=motorway', [VEHICLE_KMH.motorway!, 0]],
  ['highway=residential access=private', null],
  ['highway=residential access=no', null],
  ['highway=residential access=private emergency=yes', [res, res]],
  ['highway=residential access=no emergency=designated', [res, res]],
  ['highway=residential emergency=no', null],
  ['highway=residential access=destination', [res, res]],
  ['highway=residential motor_vehicle=no', null],
  ['highway=residential vehicle=private', null],
  ['highway=residential access=no motor_vehicle=yes', [res, res]],
  ['highway=residential motor_vehicle=no motorcar=yes', [res, res]],
  ['highway=primary maxspeed=30', [30, 30]],
  ['highway=primary maxspeed="20 mph"', [20 * MPH, 20 * MPH]],
  ['highway=primary maxspeed=100', [pri, pri]],
  ['highway=primary maxspeed=none', [pri, pri]],
  ['highway=primary maxspeed=walk', [WALK_KMH, WALK_KMH]],
  ['highway=primary maxspeed=signals', [pri, pri]],
  ['highway=primary maxspeed=50 maxspeed:backward=30', [50, 30]],
  ['highway=primary maxspeed=DE:zone30', [30, 30]],
  ['highway=primary maxspeed=DE:urban', [50, 50]],
  ['highway=primary route=ferry', null],
  ['route=ferry', null],
  ['highway=construction', null],
  ['highway=proposed', null],
  ['highway=footway', null],
  ['highway=path', null],
  ['highway=steps', null],
  ['highway=cycleway', null],
  ['highway=pedestrian', null],
  ['highway=pedestrian emergency=yes', [10, 10]],
  ['highway=pedestrian motor_vehicle=destination', [10, 10]],
  ['highway=footway emergency=yes', null],
  ['highway=service area=yes', null],
  ['highway=track smoothness=impassable', null],
  ['highway=bus_stop', null],
];

describe('vehicle profile: ways', () => {
  it.each(vehicleWays)('%s', (t, expected) => {
    const rule = PROFILES.vehicle.way(tags(t));
    if (expected === null) expect(rule).toBeNull();
    else {
      expect(rule?.forwardKmh).toBeCloseTo(expected[0], 6);
      expect(rule?.backwardKmh).toBeCloseTo(expected[1], 6);
    }
  });
});

const footWays: [string, boolean][] = [
  ['highway=footway', true],
  ['highway=path', true],
  ['highway=steps', true],
  ['highway=pedestrian area=yes', true],
  ['highway=residential oneway=yes', true],
  ['highway=primary oneway=-1', true],
  ['highway=primary junction=roundabout', true],
  ['highway=motorway', false],
  ['highway=motorway foot=yes', false],
  ['highway=trunk', false],
  ['highway=trunk foot=yes', true],
  ['highway=footway foot=no', false],
  ['highway=footway access=private', false],
  ['highway=footway access=no foot=yes', true],
  ['highway=construction', false],
  ['highway=footway route=ferry', false],
];

describe('foot profile: ways', () => {
  it.each(footWays)('%s', (t, walkable) => {
    const rule = PROFILES.foot.way(tags(t));
    // Walkers ignore oneway: both directions at walking pace, or nothing.
    expect(rule).toEqual(walkable ? { forwardKmh: FOOT_KMH, backwardKmh: FOOT_KMH } : null);
  });
});

// [tags, blocks a vehicle, blocks a walker]
const barriers: [string, boolean, boolean][] = [
  ['highway=traffic_signals', false, false],
  ['barrier=bollard', true, false],
  ['barrier=block', true, false],
  ['barrier=bollard emergency=yes', false, false],
  ['barrier=bollard motor_vehicle=yes', false, false],
  ['barrier=gate', false, false],
  ['barrier=gate access=no', true, true],
  ['barrier=gate access=private', true, true],
  ['barrier=gate access=private emergency=yes', false, true],
  ['barrier=gate access=no foot=yes', true, false],
  ['barrier=lift_gate', false, false],
  ['barrier=cattle_grid', false, false],
  ['barrier=wall', true, true],
  ['barrier=debris', true, false],
];

describe('barrier nodes', () => {
  it.each(barriers)('%s', (t, vehicle, foot) => {
    expect(PROFILES.vehicle.nodeBlocks(tags(t))).toBe(vehicle);
    expect(PROFILES.foot.nodeBlocks(tags(t))).toBe(foot);
  });
});

describe('parseMaxspeed', () => {
  it.each([
    ['50', 50],
    ['50 km/h', 50],
    ['50kmh', 50],
    ['30 mph', 30 * MPH],
    ['30mph', 30 * MPH],
    ['10 knots', 18.52],
    ['none', Infinity],
    ['walk', WALK_KMH],
    ['50;30', 30],
    ['FR:zone30', 30],
    ['DE:zone:30', 30],
    ['GB:zone20', 20 * MPH],
    ['RU:urban', 50],
    ['GB:nsl_single', null],
    ['signals', null],
    ['variable', null],
    ['0', null],
    ['fast', null],
    [undefined, null],
  ] as [string | undefined, number | null][])('%s', (value, kmh) => {
    const got = parseMaxspeed(value);
    if (kmh === null || kmh === Infinity) expect(got).toBe(kmh);
    else expect(got).toBeCloseTo(kmh, 6);
  });
});
