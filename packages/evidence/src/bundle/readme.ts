// The bundle's README.txt: plain language for a lawyer or an investigator, not a programmer. It follows
// the preservation guidance of the Berkeley Protocol on Digital Open Source Investigations (OHCHR and UC
// Berkeley, 2020/2022): keep the original unaltered, identify each item by a hash, document the chain
// of custody, work on copies, and let anyone check integrity independently.
import { type ItemKind } from './manifest.js';

/** One entry of the chain of custody: who did what, when (UTC, ISO 8601). */
export interface CustodyEntry {
  readonly at: string;
  readonly who: string;
  readonly what: string;
}

export interface ReadmeInput {
  /** What the bundle is about, e.g. "Incident 01J... (airstrike), 2024-05-02, Al-Shaar". */
  readonly title: string;
  readonly exportedAt: string;
  readonly exportedBy: string;
  /** Chain of custody of the items, in any order (sorted here by time). */
  readonly custody: readonly CustodyEntry[];
}

export interface ReadmeItem {
  readonly kind: ItemKind;
  readonly path: string;
  readonly sha256: string;
  readonly leafIndex: number;
}

const KIND_WORDS: Record<ItemKind, string> = {
  record: 'record (as logged)',
  metadata: 'media details (as logged)',
  media: 'media file (original bytes)',
};

/** Keeps user-supplied text on one line: control characters become spaces. */
function oneLine(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join('').trim();
}

function wrap(text: string, width = 76): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out.join('\n');
}

/** The README text for a bundle; items as listed in its manifest. */
export function renderReadme(input: ReadmeInput, items: readonly ReadmeItem[], checkpoint: { origin: string; size: number; rootBase64: string }, logKey: string): string {
  const custody = [...input.custody].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const para = (...sentences: string[]): string => `${wrap(sentences.join(' '))}\n`;
  const parts: string[] = [
    `EVIDENCE BUNDLE: ${oneLine(input.title)}\n`,
    `Exported ${oneLine(input.exportedAt)} by ${oneLine(input.exportedBy)}, from the civdef evidence log "${checkpoint.origin}".\n`,
    'WHAT THIS IS\n',
    para(
      'This folder (or .tar file) holds records and media kept by a civil-defence service, exactly as they were',
      'written into its evidence log, together with the mathematical proof that none of them has been changed',
      'since. The log is append-only: every record and every photo, video or audio file was given a numbered',
      'place in it when it arrived, and the log regularly publishes a signed summary (a "checkpoint") that',
      'fixes everything written so far. Anyone can check this bundle without trusting the service and without',
      'a network connection.',
    ),
    'WHAT IS INSIDE\n',
    para(
      `manifest.json lists every item, its SHA-256 fingerprint, its place in the log and its proof.`,
      `checkpoint.txt is the log's signed summary at ${checkpoint.size} entries (root ${checkpoint.rootBase64}).`,
      `log-key.txt is the log's public key: ${logKey}`,
      'Compare it with the key the service published elsewhere (its website, a court filing, a witness); a key',
      'that arrives only inside the bundle proves that the bundle is self-consistent, not who made it.',
    ),
    ...items.map((it) => `  ${it.path}\n      ${KIND_WORDS[it.kind]}, log entry ${it.leafIndex}, SHA-256 ${it.sha256}\n`),
    '',
    'CHAIN OF CUSTODY\n',
    para('Who recorded and handled each item, and when (times in UTC), as the log recorded it:'),
    ...(custody.length > 0 ? custody.map((c) => `  ${oneLine(c.at)}  ${oneLine(c.who)}: ${oneLine(c.what)}\n`) : ['  (no custody entries were supplied)\n']),
    `  ${oneLine(input.exportedAt)}  ${oneLine(input.exportedBy)}: exported this bundle\n`,
    '',
    'HOW TO CHECK IT\n',
    para(
      'Run "civdef evidence verify <this bundle> --key <the published log key>", or open it in the civdef web',
      'app, which checks it in the browser. Either names each item that fails and why. To check by hand:',
      '(1) the SHA-256 of each file must equal the fingerprint in manifest.json;',
      '(2) each record is the exact logged data: SHA-256 of a zero byte followed by the file gives its leaf hash',
      '(RFC 6962); for a media file, its logged details name its SHA-256;',
      '(3) the proof in manifest.json combines the leaf hash into the root hash in checkpoint.txt (RFC 6962/9162);',
      '(4) checkpoint.txt carries an Ed25519 signature by the published log key (C2SP signed-note and',
      'tlog-checkpoint), and possibly cosignatures by independent witnesses who saw the same log.',
    ),
    'WHAT THE CHECK PROVES, AND WHAT IT DOES NOT\n',
    para(
      'A passing check proves that every byte of every item is the same as when it was logged, and that the',
      'log holding it is the one the key signed: nothing was edited, added to or removed from these items',
      'after the fact. It does not prove that what a record says is true, or that a device clock was right;',
      'times, places and names are as they were reported. This README only explains; the evidence is the',
      'items, the proofs and the signed checkpoint.',
    ),
    'KEEPING IT (PRESERVATION)\n',
    para(
      'Following the Berkeley Protocol on Digital Open Source Investigations: keep this bundle unchanged as the',
      'evidentiary copy and work only on copies; store at least two copies in separate, access-controlled',
      'places; each time it is handed over, note who gave it to whom, when and why, and run the check again;',
      'never open the media files in tools that rewrite them. The log can later prove that this checkpoint is',
      'part of its longer history (a consistency proof), so newer checkpoints do not replace this bundle.',
    ),
  ];
  return parts.join('\n');
}
