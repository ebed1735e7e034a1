import {
  CompactTree,
  consistencyProof,
  EMPTY_TREE_HASH,
  inclusionProof,
  leafHash,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

// The Certificate Transparency reference vectors (RFC 6962, unchanged by RFC 9162): leaves and MTH(D[1..8]).
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (hex) => leafHash(Buffer.from(hex, 'hex')),
);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const hex = (buffers: readonly Buffer[]) => buffers.map((b) => b.toString('hex'));
const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));

describe('Merkle tree hash (RFC 9162 §2.1.1)', () => {
  it('matches the reference roots for 1 to 8 leaves, and hashes the empty tree to SHA-256("")', () => {
    expect(EMPTY_TREE_HASH.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    ROOTS.forEach((root, i) => expect(treeHash(LEAVES.slice(0, i + 1)).toString('hex')).toBe(root));
  });

  it('grows one leaf at a time to the same roots (CompactTree), and restores from its frontier', () => {
    const leaves = leavesOf(70);
    const tree = CompactTree.empty();
    for (let n = 1; n <= leaves.length; n++) {
      tree.append(leaves[n - 1]!);
      expect(tree.root().equals(treeHash(leaves.slice(0, n)))).toBe(true);
      const restored = CompactTree.restore(tree.size, tree.frontier);
      expect(restored.root().equals(tree.root())).toBe(true);
    }
    expect(() => CompactTree.restore(7, tree.frontier.slice(0, 1))).toThrow(/3 subtrees/);
  });
});

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it('gives the reference audit path of leaf 5 in the tree of 8', () => {
    expect(hex(inclusionProof(LEAVES, 5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('verifies every leaf of every tree up to 33 leaves, and nothing else', () => {
    const leaves = leavesOf(34);
    for (let n = 1; n < leaves.length; n++) {
      const root = treeHash(leaves.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(leaves, m, n);
        expect(verifyInclusion(leaves[m]!, m, n, proof, root)).toBe(true);
        // Another leaf, another index, a bigger tree or a shortened path: refused.
        expect(verifyInclusion(leaves[(m + 1) % n]!, m, n, proof, root)).toBe(n === 1 && m === 0);
        if (n > 1) expect(verifyInclusion(leaves[m]!, (m + 1) % n, n, proof, root)).toBe(false);
        // The proof of a smaller tree does not place the leaf in the next tree (its root).
        expect(verifyInclusion(leaves[m]!, m, n + 1, proof, treeHash(leaves.slice(0, n + 1)))).toBe(false);
        if (proof.length > 0) expect(verifyInclusion(leaves[m]!, m, n, proof.slice(1), root)).toBe(false);
      }
    }
    expect(verifyInclusion(leaves[0]!, 3, 3, [], treeHash(leaves.slice(0, 3)))).toBe(false);
  });
});

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  it('gives the reference proof from the tree of 3 to the tree of 8', () => {
    const proof = consistencyProof(LEAVES, 3, 8);
    expect(hex(proof)).toEqual([
      '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
      '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(verifyConsistency(3, 8, proof, Buffer.from(ROOTS[2]!, 'hex'), Buffer.from(ROOTS[7]!, 'hex'))).toBe(true);
  });

  it('proves every prefix of every tree up to 33 leaves, and refuses a rewritten history', () => {
    const leaves = leavesOf(34);
    for (let n = 1; n < leaves.length; n++) {
      const second = treeHash(leaves.slice(0, n));
      for (let m = 0; m <= n; m++) {
        const first = treeHash(leaves.slice(0, m));
        const proof = consistencyProof(leaves, m, n);
        expect(verifyConsistency(m, n, proof, first, second)).toBe(true);
        if (m > 0 && m < n) {
          // The first tree's history rewritten (one leaf replaced): its root no longer fits the proof.
          const rewritten = [...leaves.slice(0, m)];
          rewritten[m - 1] = leafHash(Buffer.from('forged'));
          expect(verifyConsistency(m, n, proof, treeHash(rewritten), second)).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(0, -1), first, second)).toBe(false);
          expect(verifyConsistency(m, n + 1, proof, first, treeHash(leaves.slice(0, n + 1)))).toBe(false);
        }
      }
    }
  });
});
