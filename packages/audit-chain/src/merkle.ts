import { createHash, hash } from 'node:crypto';

/**
 * Merkle trees as Certificate Transparency 2.0 defines them (RFC 9162 §2.1): leaf and interior
 * hashes are domain-separated (0x00, 0x01), so a leaf can never pass for a node. Hashes are 32-byte
 * Buffers here; callers hex-encode them at their edges.
 */
const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

export const EMPTY_TREE_HASH: Buffer = createHash('sha256').digest();

// One-shot hashing over a reused scratch buffer: a verification of a million entries makes two to
// three million of these calls, and a hash object per call is most of their cost.
const scratch = Buffer.alloc(65);

export function leafHash(data: Buffer): Buffer {
  if (data.length !== 32) return createHash('sha256').update(LEAF).update(data).digest();
  scratch[0] = 0x00;
  data.copy(scratch, 1);
  return hash('sha256', scratch.subarray(0, 33), 'buffer');
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32)
    return createHash('sha256').update(NODE).update(left).update(right).digest();
  scratch[0] = 0x01;
  left.copy(scratch, 1);
  right.copy(scratch, 33);
  return hash('sha256', scratch, 'buffer');
}

/** The largest power of two smaller than n (n ≥ 2): where RFC 9162 splits a tree of n leaves. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf hashes (already `leafHash`ed). */
export function treeHash(leaves: readonly Buffer[], from = 0, to = leaves.length): Buffer {
  const n = to - from;
  if (n === 0) return EMPTY_TREE_HASH;
  if (n === 1) return leaves[from]!;
  const k = splitPoint(n);
  return nodeHash(treeHash(leaves, from, from + k), treeHash(leaves, from + k, to));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf m in the tree of the first n leaves. */
export function inclusionProof(leaves: readonly Buffer[], m: number, n = leaves.length): Buffer[] {
  if (!(m >= 0 && m < n && n <= leaves.length)) throw new RangeError(`no leaf ${m} in a tree of ${n}`);
  const path = (m: number, from: number, to: number): Buffer[] => {
    const size = to - from;
    if (size === 1) return [];
    const k = splitPoint(size);
    return m < k
      ? [...path(m, from, from + k), treeHash(leaves, from + k, to)]
      : [...path(m - k, from + k, to), treeHash(leaves, from, from + k)];
  };
  return path(m, 0, n);
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the tree of m leaves is a prefix of the tree of n. */
export function consistencyProof(leaves: readonly Buffer[], m: number, n = leaves.length): Buffer[] {
  if (!(m >= 0 && m <= n && n <= leaves.length)) throw new RangeError(`no consistency from ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const subproof = (m: number, from: number, to: number, whole: boolean): Buffer[] => {
    const size = to - from;
    if (m === size) return whole ? [] : [treeHash(leaves, from, to)];
    const k = splitPoint(size);
    return m <= k
      ? [...subproof(m, from, from + k, whole), treeHash(leaves, from + k, to)]
      : [...subproof(m - k, from + k, to, false), treeHash(leaves, from, from + k)];
  };
  return subproof(m, 0, n, true);
}

/** RFC 9162 §2.1.3.2: does `proof` place the leaf hash `leaf` at `index` of a tree of `size` with `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer) {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree (`first`, `firstRoot`) is a prefix of (`second`, `secondRoot`)? */
export function verifyConsistency(
  first: number,
  second: number,
  proof: readonly Buffer[],
  firstRoot: Buffer,
  secondRoot: Buffer,
): boolean {
  if (!(first >= 0 && first <= second)) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0 && firstRoot.equals(EMPTY_TREE_HASH);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * A tree that grows one leaf at a time and keeps only the roots of its perfect subtrees (one per
 * set bit of its size, largest first): the root of every prefix in O(log n) memory, which is how
 * the chain's head row and the verifier keep up with millions of entries.
 */
export class CompactTree {
  private constructor(
    private readonly subtrees: Buffer[],
    private count: number,
  ) {}

  static empty(): CompactTree {
    return new CompactTree([], 0);
  }

  /** From a stored frontier: the perfect subtrees' roots of a tree of `size` leaves. */
  static restore(size: number, frontier: readonly Buffer[]): CompactTree {
    if (bitCount(size) !== frontier.length) throw new Error(`a tree of ${size} has ${bitCount(size)} subtrees`);
    return new CompactTree([...frontier], size);
  }

  get size(): number {
    return this.count;
  }

  get frontier(): readonly Buffer[] {
    return this.subtrees;
  }

  /** Appends a leaf hash (already `leafHash`ed). */
  append(leaf: Buffer): void {
    let node = leaf;
    // Each trailing set bit of the old size is a perfect subtree of the new leaf's size: merge them.
    for (let size = this.count; size % 2 === 1; size = Math.floor(size / 2))
      node = nodeHash(this.subtrees.pop()!, node);
    this.subtrees.push(node);
    this.count += 1;
  }

  /** MTH of the leaves so far: the subtrees folded from the right (RFC 9162's split, unrolled). */
  root(): Buffer {
    if (this.subtrees.length === 0) return EMPTY_TREE_HASH;
    let root = this.subtrees[this.subtrees.length - 1]!;
    for (let i = this.subtrees.length - 2; i >= 0; i--) root = nodeHash(this.subtrees[i]!, root);
    return root;
  }
}

function bitCount(n: number): number {
  let bits = 0;
  for (let v = n; v > 0; v = Math.floor(v / 2)) bits += v % 2;
  return bits;
}
