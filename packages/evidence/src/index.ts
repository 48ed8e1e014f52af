// @civdef/evidence: the pure, browser-safe core of civdef's tamper-evident evidence log.

export { EvidenceError, ProofShapeError, RootMismatchError, CanonicalJsonError, FormatError, NoteVerificationError } from './errors.js';
export { toHex, fromHex, toBase64, fromBase64, utf8, fromUtf8, bytesEqual, concatBytes } from './bytes.js';

export { type Sha256, sha256, HASH_SIZE } from './merkle/sha256.js';
export { leafHash, nodeHash, EMPTY_ROOT } from './merkle/hashing.js';
export { verifyInclusion, verifyConsistency, rootFromInclusionProof } from './merkle/verify.js';
export {
  type NodeId,
  type NodePlan,
  rangeNodes,
  inclusionProofNodes,
  consistencyProofNodes,
  rootNodes,
  assemblePlan,
  assembleRoot,
} from './merkle/nodes.js';
export { type NodeReader, inclusionProof, consistencyProof, rootAt } from './merkle/proofs.js';
export { CompactRange, type FullNodeSink } from './merkle/compact-range.js';
export { rootOfLeafHashes } from './merkle/root.js';

export { canonicalJson } from './canonical/canonical-json.js';

export {
  SIG_ED25519,
  SIG_COSIGNATURE_V1,
  type KeyType,
  type VerifierKey,
  type SignerKey,
  keyId,
  isValidKeyName,
  formatVerifierKey,
  parseVerifierKey,
  parseSignerKey,
  generateSigningKey,
} from './note/keys.js';
export {
  type Note,
  type NoteSignature,
  type VerifiedSignature,
  type NoteSigner,
  MAX_SIGNATURES,
  parseNote,
  formatNote,
  parseSignatureLine,
  formatSignatureLine,
  noteSignature,
  signNote,
  verifyNote,
} from './note/signed-note.js';
export { type Checkpoint, formatCheckpoint, parseCheckpoint, signCheckpoint, verifyCheckpoint } from './note/checkpoint.js';
export { cosignNote, verifyCosignature, addCosignature } from './note/cosignature.js';

export { TILE_WIDTH, TILE_HEIGHT, type TileId, type TilePath, encodeTileIndex, tilePath, entriesPath, parseTilePath } from './tiles/tile-path.js';
export { tileNodes, tileWidth, treeTiles, encodeTile, decodeTile } from './tiles/tile-nodes.js';
export { MAX_ENTRY_BYTES, encodeEntryBundle, parseEntryBundle } from './tiles/entry-bundle.js';
export { type TileFetcher, tileNodeReader } from './tiles/tile-reader.js';

export { packTar, unpackTar, assertSafePath } from './bundle/tar.js';
export {
  BUNDLE_FORMAT,
  MANIFEST_PATH,
  README_PATH,
  CHECKPOINT_PATH,
  LOG_KEY_PATH,
  WITNESS_KEYS_PATH,
  Manifest,
  ManifestItem,
  ItemKind,
  parseManifest,
  serialiseManifest,
} from './bundle/manifest.js';
export { type CustodyEntry, type ReadmeInput } from './bundle/readme.js';
export { type BundleInput, type BundleItemInput, type LeafItemInput, type MediaItemInput, BundleBuildError, buildBundle } from './bundle/build.js';
export { type BundleReport, type ItemReport, type BundleProblem, type BundleProblemCode, verifyBundle } from './bundle/verify.js';
