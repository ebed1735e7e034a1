#!/usr/bin/env node
// `npm run migrate -- <plh-db arguments>`: bootstraps, then runs the plh-db CLI on the pinned Node.js.
import path from 'node:path';
import { bootstrap, root, run } from './bootstrap.mjs';

try {
  const node = bootstrap({ quiet: true });
  run(node, [path.join(root, 'packages/db/dist/cli.js'), ...process.argv.slice(2)]);
} catch (err) {
  console.error(`[migrate] ${err.message}`);
  process.exit(1);
}
