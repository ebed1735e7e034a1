import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { ChainVerifier } from './chain-verifier';
import { checkpointSigner, publicKeys, type Checkpoint } from './checkpoint';
import { canonicalEntry, chainEntries, entryHash, entryLeaf, GENESIS_HASH, type ChainEntry } from './entry';
import { EXPORT_FORMAT, exportStatement, type ExportHeader, type ExportLine } from './export-format';
import { verifyExport } from './export-verifier';
import { consistencyProof, inclusionProof, treeHash } from './merkle';

const chain = randomUUID();
const signer = checkpointSigner({
  ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }),
  kid: 'audit:test',
});
const keys = publicKeys({ keys: [signer.publicJwk] });

function entries(n: number): ChainEntry[] {
  return chainEntries(
    { size: 0, headHash: GENESIS_HASH },
    Array.from({ length: n }, (_, i) => ({
      chain,
      eventId: randomUUID(),
      service: 'core',
      action: 'order.status-change',
      outcome: 'success',
      resourceType: 'order',
      resourceId: `order-${i}`,
      actorKind: 'user',
      actorId: randomUUID(),
      actorRole: 'owner',
      phi: false,
      changes: [{ field: 'status', from: 'draft', to: 'placed' }],
      reason: null,
      requestId: `req-${i}`,
      traceId: null,
      clientIp: '203.0.113.9',
      userAgent: 'curl/8',
      occurredAt: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString(),
      recordedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, i, 5)).toISOString(),
    })),
  );
}

const leaves = (list: ChainEntry[]) => list.map((e) => entryLeaf(e.hash));
const checkpointOf = (list: ChainEntry[], size: number): Checkpoint =>
  signer.sign({
    chain,
    treeSize: size,
    rootHash: treeHash(leaves(list.slice(0, size))).toString('hex'),
    issuedAt: '2026-12-01T00:10:00.000Z',
  });

function verify(list: ChainEntry[], checkpoints: Checkpoint[]) {
  const verifier = new ChainVerifier(chain, checkpoints, keys);
  list.forEach((e) => verifier.push(e));
  return verifier.finish();
}

describe('an entry’s canonical form', () => {
  it('is RFC 8785 canonical JSON of every field but the hash, whatever the values', () => {
    const [entry] = entries(1);
    const variants: Array<Partial<ChainEntry>> = [
      {},
      { resourceId: null, actorId: null, actorRole: null, clientIp: null, userAgent: null, traceId: 'ab'.repeat(16) },
      { userAgent: 'Mozilla/5.0 "quoted" \\ \u0001 € 😀 \u2028', reason: 'INVALID_CREDENTIALS', phi: true },
      {
        changes: [
          { field: 'pricing.perLetterOverrideCents', from: null, to: 39 },
          { field: 'b', to: true },
          { field: 'x' },
        ],
      },
      { changes: [{ field: 'n', from: 1e21, to: -0.000001 }], seq: 9_007_199_254_740 },
    ];
    for (const variant of variants) {
      const e = { ...entry!, ...variant };
      const { hash: _hash, ...fields } = e;
      expect(canonicalEntry(e)).toBe(canonicalJson(fields));
      expect(entryHash(e)).toBe(createHash('sha256').update(canonicalJson(fields)).digest('hex'));
    }
  });
});

describe('a chain', () => {
  const original = entries(12);
  const checkpoints = [checkpointOf(original, 5), checkpointOf(original, 12)];

  it('links each entry to the one before and verifies with its checkpoints', () => {
    expect(original[0]!.prevHash).toBe(GENESIS_HASH);
    expect(original[3]!.prevHash).toBe(original[2]!.hash);
    expect(entryHash(original[7]!)).toBe(original[7]!.hash);
    const report = verify(original, checkpoints);
    expect(report).toMatchObject({ valid: true, entries: 12, firstBreak: null });
    expect(report.checkpoints.map((c) => [c.treeSize, c.signatureValid, c.rootMatches])).toEqual([
      [5, true, true],
      [12, true, true],
    ]);
  });

  it('names an edited entry, and the checkpoint no longer matches', () => {
    const edited = original.map((e) => (e.seq === 4 ? { ...e, actorRole: 'ops_admin' } : e));
    const report = verify(edited, checkpoints);
    expect(report.firstBreak).toEqual({ seq: 4, reason: 'hash_mismatch' });
    expect(report.valid).toBe(false);
  });

  it('names an edit whose hash was recomputed by the link of the next entry, and by the checkpoint', () => {
    const forged = { ...original[3]!, resourceId: 'other' };
    const rehashed = original.map((e) => (e.seq === 4 ? { ...forged, hash: entryHash(forged) } : e));
    const report = verify(rehashed, checkpoints);
    expect(report.firstBreak).toEqual({ seq: 5, reason: 'broken_link' });
    expect(report.checkpoints.every((c) => !c.rootMatches)).toBe(true);
  });

  it('names the gap a deleted entry leaves, and a deleted tail by the checkpoint it no longer reaches', () => {
    expect(
      verify(
        original.filter((e) => e.seq !== 7),
        checkpoints,
      ).firstBreak,
    ).toEqual({
      seq: 8,
      reason: 'gap',
      expectedSeq: 7,
    });
    const truncated = verify(original.slice(0, 10), checkpoints);
    expect(truncated.firstBreak).toBeNull();
    expect(truncated.checkpoints.find((c) => c.treeSize === 12)).toMatchObject({ covered: false });
    expect(truncated.valid).toBe(false);
  });

  it('detects two entries swapped, and a forged checkpoint signature', () => {
    const swapped = [...original];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(verify(swapped, checkpoints).firstBreak).toMatchObject({ seq: 4, reason: 'out_of_order' });
    const forged = { ...checkpoints[1]!, rootHash: treeHash(leaves(entries(12))).toString('hex') };
    const report = verify(original, [checkpoints[0]!, forged]);
    expect(report.checkpoints[1]).toMatchObject({ signatureValid: false });
    expect(report.valid).toBe(false);
  });
});

describe('an export', () => {
  const all = entries(20);
  const older = checkpointOf(all, 9);
  const anchor = checkpointOf(all, 20);
  /** The signed header of an export of `exported` (a range in the middle says so by its times). */
  const exportHeader = (exported: ChainEntry[], over: Partial<ExportHeader> = {}): ExportLine => {
    const unsigned: Omit<ExportHeader, 'signature'> = {
      type: 'export',
      format: EXPORT_FORMAT,
      chain,
      from: exported[0]?.seq === 1 ? null : '2026-12-01T00:00:00.000Z',
      to: exported.at(-1)?.seq === 20 ? null : '2026-12-02T00:00:00.000Z',
      exportedAt: '2026-12-02T00:00:00.000Z',
      entries: exported.length,
      firstSeq: exported[0]?.seq ?? null,
      lastSeq: exported.at(-1)?.seq ?? null,
      treeSize: 20,
      keyId: signer.keyId,
      ...over,
    } as Omit<ExportHeader, 'signature'>;
    return { ...unsigned, signature: signer.signStatement(exportStatement(unsigned)) };
  };
  const lines = (exported: ChainEntry[], checkpoints: Checkpoint[] = [older, anchor], rootLeaves = leaves(all)) => {
    const first = exported[0]!;
    const last = exported.at(-1)!;
    const out: ExportLine[] = [
      exportHeader(exported),
      ...exported.map((e) => ({ type: 'entry' as const, ...e })),
      ...checkpoints.map((c) => ({ type: 'checkpoint' as const, ...c })),
      ...[first, last].map((e) => ({
        type: 'inclusion' as const,
        seq: e.seq,
        treeSize: 20,
        proof: inclusionProof(rootLeaves, e.seq - 1, 20).map((h) => h.toString('hex')),
      })),
      {
        type: 'consistency',
        fromSize: 9,
        toSize: 20,
        proof: consistencyProof(rootLeaves, 9, 20).map((h) => h.toString('hex')),
      },
    ];
    return out.map((line) => JSON.stringify(line));
  };

  it('verifies a range in the middle of the chain with only the public key', () => {
    expect(verifyExport(lines(all.slice(4, 15)), keys)).toEqual({
      valid: true,
      chain,
      entries: 11,
      firstBreak: null,
      problems: [],
    });
  });

  it('names an edited, a deleted and a reordered entry', () => {
    const edited = all.slice(4, 15).map((e) => (e.seq === 8 ? { ...e, action: 'order.cancel' } : e));
    expect(verifyExport(lines(edited), keys).firstBreak).toEqual({ seq: 8, reason: 'hash_mismatch' });
    const deleted = all.slice(4, 15).filter((e) => e.seq !== 10);
    expect(verifyExport(lines(deleted), keys).firstBreak).toEqual({ seq: 11, reason: 'gap', expectedSeq: 10 });
    // Entries cut from an end, with the header's count edited to match: the signed header says otherwise.
    const text = lines(all.slice(0, 20));
    const cut = [
      JSON.stringify({ ...(JSON.parse(text[0]!) as object), entries: 18, lastSeq: 18 }),
      ...text.slice(1, 19),
      ...text.slice(21),
    ];
    const report = verifyExport(cut, keys);
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        "the export's header: the signature is not valid for key audit:test",
        'an export to the end must end at entry 20',
      ]),
    );
    const reordered = all.slice(4, 15);
    [reordered[3], reordered[4]] = [reordered[4]!, reordered[3]!];
    expect(verifyExport(lines(reordered), keys).firstBreak?.reason).toBe('out_of_order');
  });

  it('refuses a forged checkpoint signature and a rewritten history', () => {
    const otherKey = checkpointSigner({
      ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }),
      kid: 'audit:test',
    });
    const forged = otherKey.sign({ chain, treeSize: 20, rootHash: anchor.rootHash, issuedAt: anchor.issuedAt });
    expect(verifyExport(lines(all.slice(0, 20), [older, forged]), keys).problems).toEqual([
      'checkpoint 20: the signature is not valid for key audit:test',
    ]);
    // History rewritten after checkpoint 9 was published: the new chain's proofs cannot reach the old root.
    const rewritten = entries(20);
    const rewrittenAnchor = checkpointOf(rewritten, 20);
    const report = verifyExport(lines(rewritten, [older, rewrittenAnchor], leaves(rewritten)), keys);
    expect(report.problems).toEqual(['checkpoint 9 is not a prefix of checkpoint 20 (history rewritten)']);
  });

  it('refuses what is not an export, fields no hash covers, and malformed proofs', () => {
    expect(verifyExport(['{"type":"entry"}', 'not json'], keys).problems).toEqual([
      'line 1: the plh-audit-export/v1 header must be the first line, and only it',
      'line 2 is not JSON',
      'the first line is not a plh-audit-export/v1 header',
    ]);
    const text = lines(all.slice(0, 20));
    const extra = text.map((l, i) => (i === 3 ? JSON.stringify({ ...(JSON.parse(l) as object), note: 'x' }) : l));
    expect(verifyExport(extra, keys).problems).toEqual(['entry 3 has fields no hash covers: note']);
    const badProof = text.map((l) =>
      l.includes('"type":"inclusion"') ? JSON.stringify({ ...(JSON.parse(l) as object), proof: 7 }) : l,
    );
    expect(verifyExport(badProof, keys).problems).toEqual([expect.stringMatching(/^the export is malformed: /)]);
  });
});
