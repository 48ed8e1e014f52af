// Field operations: worksites, victims, hospitals, missing persons, supplies, vehicles, people, reports.
export * from './field-roles.js';
export * from './worksites.js';
export * from './victims.js';
export * from './missing-persons.js';
export * from './supplies.js';
export * from './supply-requests.js';
export * from './vehicles.js';
export * from './people.js';
export * from './reports.js';
export { parseWorksiteCode, parentWorksiteCode, type WorksiteCode } from '../fieldwork/worksite-code.js';
export { worksiteMarking, markingDate, type Marking, type MarkingInput, type AsrEntry } from '../fieldwork/marking.js';
export { matchScore, nameSimilarity, foldName, jaroWinkler, type MatchScore, type MissingPersonClues, type FoundPersonClues } from '../fieldwork/person-match.js';
