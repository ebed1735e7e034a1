import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { REPO_ROOT } from './services';

export interface Stage {
  name: string | undefined;
  image: string;
  instructions: Instruction[];
}

/** A Dockerfile as its stages (FROM … AS name), each with its instructions, parsed by dockerfile-ast. */
export function parseDockerfile(file: string): { stages: Stage[]; args: Record<string, string>; problems: string[] } {
  const text = readFileSync(file, 'utf8');
  const dockerfile = DockerfileParser.parse(text);
  const args: Record<string, string> = {};
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property?.getName()) args[property.getName()] = property.getValue() ?? '';
  }
  const problems = dockerfile
    .getInstructions()
    .filter((i) => !KNOWN.has(i.getKeyword()))
    .map((i) => `line ${i.getRange().start.line + 1}: unknown instruction ${i.getKeyword()}`);
  const stages = dockerfile.getFROMs().map((from) => {
    const start = from.getRange().start.line;
    const next = dockerfile.getFROMs().find((f) => f.getRange().start.line > start);
    return {
      name: from.getBuildStage() ?? undefined,
      image: from.getImage() ?? '',
      instructions: dockerfile
        .getInstructions()
        .filter(
          (i) => i.getRange().start.line > start && (!next || i.getRange().start.line < next.getRange().start.line),
        ),
    };
  });
  return { stages, args, problems };
}

const KNOWN = new Set(
  'FROM RUN CMD LABEL EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL'.split(
    ' ',
  ),
);

export const keyword = (stage: Stage, kw: string) => stage.instructions.filter((i) => i.getKeyword() === kw);

/** COPY's flags (--from=build) and its sources and destination. */
export function copyParts(instruction: Instruction): { from?: string; sources: string[]; dest: string } {
  if (!(instruction instanceof Copy)) throw new Error(`not a COPY: ${instruction.getKeyword()}`);
  const words = instruction.getArguments().map((a) => a.getValue());
  const from = instruction.getFromFlag()?.getValue() ?? undefined;
  return { ...(from ? { from } : {}), sources: words.slice(0, -1), dest: words[words.length - 1]! };
}

/** An ENV instruction's variables (KEY=value pairs). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of keyword(stage, 'ENV'))
    for (const word of i.getArguments().map((a) => a.getValue())) {
      const [k, ...v] = word.split('=');
      env[k!] = v.join('=');
    }
  return env;
}

/** .dockerignore's patterns as a matcher of context-relative paths (Go filepath.Match with `**`, `!` exceptions). */
export function dockerignore(): (relative: string) => boolean {
  const rules = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const source = pattern
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      // A pattern excludes the path and everything below it.
      return { negate, regex: new RegExp(`^${source}(?:/.*)?$`) };
    });
  return (relative) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(relative)) ignored = !rule.negate;
    return ignored;
  };
}
