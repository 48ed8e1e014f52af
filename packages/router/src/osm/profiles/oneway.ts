// Direction of travel on a way, for profiles that honour oneway.
import { type Tags } from '../visitor.js';

export type Oneway = 'both' | 'forward' | 'backward' | 'closed';

/**
 * Direction of travel from `oneway` and its implications. `reversible` ways change direction by time of
 * day, which a static graph cannot know: closed. `alternating` (a narrow bridge) runs both ways.
 */
export function onewayOf(tags: Tags): Oneway {
  const v = tags.get('oneway');
  if (v === 'yes' || v === '1' || v === 'true') return 'forward';
  if (v === '-1' || v === 'reverse') return 'backward';
  if (v === 'reversible') return 'closed';
  if (v === 'no' || v === '0' || v === 'false' || v === 'alternating') return 'both';
  // Implied oneways (OSM wiki, Key:oneway): roundabouts, circular junctions and motorways.
  const junction = tags.get('junction');
  if (junction === 'roundabout' || junction === 'circular' || tags.get('highway') === 'motorway') return 'forward';
  return 'both';
}
