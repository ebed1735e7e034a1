#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { renderEventCatalogue } from './catalogue';

/** `pnpm docs:events`: writes the event catalogue to the path given (docs/events.md). */
const target = process.argv[2];
if (!target) {
  console.error('usage: catalogue-cli <file>');
  process.exit(2);
}
writeFileSync(target, renderEventCatalogue());
process.stdout.write(`event catalogue written to ${target}\n`);
