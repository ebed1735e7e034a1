#!/usr/bin/env node
// Obtains poppler's pdftoppm (proof thumbnails; PLATFORM.md) into .local/poppler from Debian bookworm's
// packages, unpacked without root apt state like redis and nats. The binary needs libpoppler126 and
// libopenjp2 beside it, so a wrapper script sets LD_LIBRARY_PATH; PDFTOPPM_BIN points at the wrapper.
// Skipped when PDFTOPPM_BIN is set or pdftoppm is on PATH. Without it, proofs have no thumbnails.
import { chmodSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchDebianPackages, hasApt, root } from './debian-packages.mjs';

const prefix = path.join(root, '.local/poppler');
const wrapper = path.join(prefix, 'pdftoppm');

function works(bin) {
  return spawnSync(bin, ['-v'], { encoding: 'utf8' }).stderr?.includes('pdftoppm version') ?? false;
}

export function ensurePoppler() {
  for (const bin of [process.env.PDFTOPPM_BIN, wrapper, 'pdftoppm'].filter(Boolean)) {
    if (works(bin)) return bin;
  }
  if (!hasApt()) return undefined;
  console.log('[setup] fetching pdftoppm (Debian bookworm poppler-utils) into .local/poppler ...');
  fetchDebianPackages({
    release: 'bookworm',
    packages: ['poppler-utils', 'libpoppler126', 'libopenjp2-7'],
    dest: prefix,
  });
  const lib = path.join(prefix, 'usr/lib/x86_64-linux-gnu');
  writeFileSync(
    wrapper,
    `#!/bin/sh\nLD_LIBRARY_PATH="${lib}\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "${path.join(prefix, 'usr/bin/pdftoppm')}" "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  if (!works(wrapper)) throw new Error(`unpacked poppler packages but ${wrapper} does not run`);
  return wrapper;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensurePoppler() ?? 'pdftoppm not available');
