// Travel speeds, km/h, in one table so that they are argued once.
//
// Vehicle: an emergency vehicle with lights and siren in a city. Free-flow speeds for the road class,
// of the order open routing engines use for cars (OSRM's car profile defaults, for one, are motorway 90,
// primary 65, secondary 55, tertiary 40, residential 25, living street 10, service 15), trimmed on the
// arterials because in a bombarded city they carry debris, checkpoints and crowds, and with unclassified
// roads a little above residential ones. A lower posted `maxspeed` still caps the class speed: a 30 zone
// marks narrow streets and schools even for a vehicle allowed to exceed it.
//
// Foot: teams on foot walk at 5 km/h, the common planning pace for walking (a loaded rescue team is no
// faster); the same on steps and paths, which are short.
export const VEHICLE_KMH: Readonly<Record<string, number>> = {
  motorway: 90,
  motorway_link: 45,
  trunk: 80,
  trunk_link: 40,
  primary: 60,
  primary_link: 30,
  secondary: 50,
  secondary_link: 25,
  tertiary: 40,
  tertiary_link: 20,
  unclassified: 30,
  residential: 25,
  living_street: 10,
  service: 15,
  road: 20, // class not yet surveyed: assume a minor street
  track: 10, // unpaved: passable for a 4x4 ambulance, slowly
};

/** A pedestrian street that explicitly admits emergency or motor vehicles: crawling through the crowd. */
export const VEHICLE_PEDESTRIAN_STREET_KMH = 10;

/** `maxspeed=walk` (living streets in several countries): walking pace, for a vehicle. */
export const WALK_KMH = 7;

export const FOOT_KMH = 5;

/** Highway classes a team can walk; motorways and trunk roads are excluded (no footway, fast traffic). */
export const FOOT_HIGHWAYS: ReadonlySet<string> = new Set([
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
  'track',
  'pedestrian',
  'footway',
  'path',
  'steps',
  'cycleway',
  'bridleway',
  'corridor',
]);
