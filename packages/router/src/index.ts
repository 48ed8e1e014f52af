export type { RoadGraph, Profile } from './graph/graph.js';
