import type { KeyObject } from 'node:crypto';
import type { ChainBreak } from './chain-verifier';
import { checkpointSignatureValid, statementSignatureValid, type Checkpoint } from './checkpoint';
import { entryHashOrNull, entryLeaf, GENESIS_HASH, type ChainEntry } from './entry';
import { ENTRY_FIELDS, EXPORT_FORMAT, exportStatement, type ExportHeader, type ExportLine } from './export-format';
import { verifyConsistency, verifyInclusion } from './merkle';

export interface ExportReport {
  valid: boolean;
  chain: string | null;
  entries: number;
  /** The first entry that is not what was appended, or null. */
  firstBreak: ChainBreak | null;
  /** Every other finding, in words: a bad signature, a proof that fails, a malformed line. */
  problems: string[];
}

const hexes = (proof: string[]) => proof.map((h) => Buffer.from(h, 'hex'));

/**
 * Checks an export with nothing but the public keys, one line at a time (an export of millions of
 * entries needs constant memory): each entry re-hashed and linked to the one before, the first and
 * last entry proven inside the latest signed checkpoint (RFC 9162 inclusion, which by the links
 * covers every entry between), and every earlier checkpoint proven a prefix of the latest (RFC 9162
 * consistency: no history was rewritten between them).
 */
export class ExportVerifier {
  private readonly problems: string[] = [];
  private header: ExportHeader | null = null;
  private first: ChainEntry | null = null;
  private previous: ChainEntry | null = null;
  private count = 0;
  private firstBreak: ChainBreak | null = null;
  private readonly checkpoints: Checkpoint[] = [];
  private readonly inclusions: Array<Extract<ExportLine, { type: 'inclusion' }>> = [];
  private readonly consistencies: Array<Extract<ExportLine, { type: 'consistency' }>> = [];
  private lineNo = 0;

  constructor(private readonly keys: ReadonlyMap<string, KeyObject>) {}

  push(raw: string): void {
    this.lineNo += 1;
    if (raw.trim() === '') return;
    let line: ExportLine;
    try {
      line = JSON.parse(raw) as ExportLine;
    } catch {
      this.problems.push(`line ${this.lineNo} is not JSON`);
      return;
    }
    if (typeof line !== 'object' || line === null) {
      this.problems.push(`line ${this.lineNo} is not an object`);
      return;
    }
    const { type, ...rest } = line;
    // The signed header comes first; entries read before it would have no chain to be checked against.
    if (this.lineNo === 1 || type === 'export') {
      if (this.lineNo === 1 && type === 'export') this.header = line;
      else this.problems.push(`line ${this.lineNo}: the ${EXPORT_FORMAT} header must be the first line, and only it`);
      return;
    }
    if (type === 'entry') this.entry(rest as ChainEntry);
    else if (type === 'checkpoint') this.checkpoints.push(rest as Checkpoint);
    else if (type === 'inclusion') this.inclusions.push(line);
    else if (type === 'consistency') this.consistencies.push(line);
    else this.problems.push(`line ${this.lineNo} has an unknown type`);
  }

  finish(): ExportReport {
    const { header, problems } = this;
    if (!header || header.format !== EXPORT_FORMAT) {
      problems.push(`the first line is not a ${EXPORT_FORMAT} header`);
      return { valid: false, chain: null, entries: this.count, firstBreak: this.firstBreak, problems };
    }
    try {
      this.checkHeader(header);
      this.checkCheckpoints(header);
    } catch (err) {
      // A malformed header, checkpoint or proof (not hex, not a number): the export is not valid.
      problems.push(`the export is malformed: ${err instanceof Error ? err.message : String(err)}`);
    }
    return {
      valid: this.firstBreak === null && problems.length === 0,
      chain: header.chain,
      entries: this.count,
      firstBreak: this.firstBreak,
      problems,
    };
  }

  /** The signed header says which entries the export holds: none may be missing from either end. */
  private checkHeader(header: ExportHeader): void {
    const { problems } = this;
    const { signature, ...unsigned } = header;
    if (!statementSignatureValid(exportStatement(unsigned), signature, header.keyId, this.keys))
      problems.push(`the export's header: the signature is not valid for key ${header.keyId}`);
    if (header.entries !== this.count)
      problems.push(`the header announces ${header.entries} entries, the export holds ${this.count}`);
    const first = this.first?.seq ?? null;
    const last = this.previous?.seq ?? null;
    if (first !== header.firstSeq || last !== header.lastSeq)
      problems.push(
        `the header announces entries ${header.firstSeq}..${header.lastSeq}, the export holds ${first}..${last}`,
      );
    if (header.from === null && this.count > 0 && first !== 1)
      problems.push('an export from the beginning must start at entry 1');
    if (header.to === null && this.count > 0 && last !== header.treeSize)
      problems.push(`an export to the end must end at entry ${header.treeSize}`);
  }

  private checkCheckpoints(header: ExportHeader): void {
    const { problems, checkpoints } = this;
    const anchor = checkpoints.reduce<Checkpoint | null>((a, c) => (!a || c.treeSize > a.treeSize ? c : a), null);
    for (const checkpoint of checkpoints) {
      if (checkpoint.chain !== header.chain) problems.push(`checkpoint ${checkpoint.treeSize} is of another chain`);
      if (!checkpointSignatureValid(checkpoint, this.keys))
        problems.push(`checkpoint ${checkpoint.treeSize}: the signature is not valid for key ${checkpoint.keyId}`);
    }
    if (anchor && anchor.treeSize !== header.treeSize)
      problems.push(`the header ties the export to checkpoint ${header.treeSize}, its latest is ${anchor.treeSize}`);
    const last = this.previous;
    if (last && (!anchor || anchor.treeSize < last.seq)) problems.push(`no signed checkpoint covers entry ${last.seq}`);
    if (anchor) this.checkProofs(anchor);
    else problems.push('the export holds no checkpoint');
  }

  /** Consecutive numbers, each entry hashing to its `hash` and naming the previous one's. */
  private entry(entry: ChainEntry): void {
    this.count += 1;
    const extra = Object.keys(entry).filter((k) => !ENTRY_FIELDS.has(k));
    if (extra.length > 0) this.problems.push(`entry ${entry.seq} has fields no hash covers: ${extra.join(', ')}`);
    this.first ??= entry;
    const previous = this.previous;
    this.previous = entry;
    // What looked like a gap was a move: the missing entry came later.
    if (this.firstBreak?.reason === 'gap' && this.firstBreak.expectedSeq === entry.seq)
      this.firstBreak = { seq: this.firstBreak.seq, reason: 'out_of_order' };
    if (this.firstBreak) return;
    if (this.header && entry.chain !== this.header.chain) this.firstBreak = { seq: entry.seq, reason: 'wrong_chain' };
    else if (previous && entry.seq > previous.seq + 1)
      this.firstBreak = { seq: entry.seq, reason: 'gap', expectedSeq: previous.seq + 1 };
    else if (previous && entry.seq <= previous.seq) this.firstBreak = { seq: entry.seq, reason: 'out_of_order' };
    else if (entryHashOrNull(entry) !== entry.hash) this.firstBreak = { seq: entry.seq, reason: 'hash_mismatch' };
    else if (previous && entry.prevHash !== previous.hash) this.firstBreak = { seq: entry.seq, reason: 'broken_link' };
    else if (entry.seq === 1 && entry.prevHash !== GENESIS_HASH) this.firstBreak = { seq: 1, reason: 'broken_link' };
  }

  private checkProofs(anchor: Checkpoint): void {
    const root = Buffer.from(anchor.rootHash, 'hex');
    const ends = [this.first, this.previous].filter((e, i, all): e is ChainEntry => !!e && all.indexOf(e) === i);
    for (const entry of ends) {
      const proof = this.inclusions.find((p) => p.seq === entry.seq && p.treeSize === anchor.treeSize);
      if (!proof) this.problems.push(`no inclusion proof for entry ${entry.seq}`);
      else if (!verifyInclusion(entryLeaf(entry.hash), entry.seq - 1, anchor.treeSize, hexes(proof.proof), root))
        this.problems.push(
          `entry ${entry.seq} is not in the tree of checkpoint ${anchor.treeSize} (inclusion proof fails)`,
        );
    }
    for (const earlier of this.checkpoints.filter((c) => c !== anchor)) {
      const proof = this.consistencies.find((p) => p.fromSize === earlier.treeSize && p.toSize === anchor.treeSize);
      const earlierRoot = Buffer.from(earlier.rootHash, 'hex');
      if (!proof) this.problems.push(`no consistency proof from checkpoint ${earlier.treeSize} to ${anchor.treeSize}`);
      else if (!verifyConsistency(earlier.treeSize, anchor.treeSize, hexes(proof.proof), earlierRoot, root))
        this.problems.push(
          `checkpoint ${earlier.treeSize} is not a prefix of checkpoint ${anchor.treeSize} (history rewritten)`,
        );
    }
  }
}

/** `ExportVerifier` over lines already in memory. */
export function verifyExport(lines: Iterable<string>, keys: ReadonlyMap<string, KeyObject>): ExportReport {
  const verifier = new ExportVerifier(keys);
  for (const line of lines) verifier.push(line);
  return verifier.finish();
}
