import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { dockerignore, envOf, type Stage } from './dockerfile';
import { REPO_ROOT } from './services';

/**
 * Runs a Dockerfile's build stage without a container engine: WORKDIR becomes `root`, each COPY copies
 * from the repo (what .dockerignore lets through), each RUN runs in a shell there with the stage's
 * ENV. The stage's `npm install --global pnpm@X` is not run: the suite's pnpm must be that version.
 * Returns where a path of the stage's filesystem (e.g. /repo/image) landed.
 */
export function runBuildStage(stage: Stage, root: string): (stagePath: string) => string {
  let workdir = '/';
  const ignored = dockerignore();
  const local = (p: string) => path.join(root, path.posix.resolve(workdir, p).replace(/^\/repo/, ''));
  // The machine's tools (pnpm is what the stage's `npm install --global pnpm@X` would have put there),
  // without what the test runner's own pnpm and turbo left in the environment.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|PNPM_|TURBO_|INIT_CWD$|JEST_|NODE_OPTIONS$)/i.test(key)),
  );
  const env = { ...inherited, ...envOf(stage) };
  for (const instruction of stage.instructions) {
    const args = instruction.getArguments().map((a) => a.getValue());
    switch (instruction.getKeyword()) {
      case 'WORKDIR':
        workdir = path.posix.resolve(workdir, args[0]!);
        if (workdir !== '/repo') throw new Error(`only WORKDIR /repo is emulated, not ${workdir}`);
        mkdirSync(root, { recursive: true });
        break;
      case 'COPY': {
        const [dest, ...sources] = [args[args.length - 1]!, ...args.slice(0, -1)];
        for (const source of sources) {
          const target =
            sources.length > 1 || dest.endsWith('/') ? path.join(local(dest), path.basename(source)) : local(dest);
          cpSync(path.join(REPO_ROOT, source), target, {
            recursive: true,
            filter: (from) => !ignored(path.relative(REPO_ROOT, from)),
          });
        }
        break;
      }
      case 'RUN': {
        const command = instruction.getArgumentsContent() ?? '';
        const pnpm = /^npm install --global pnpm@(\S+)$/.exec(command);
        if (pnpm) {
          const version = execFileSync('pnpm', ['--version'], { encoding: 'utf8', env }).trim();
          if (version !== pnpm[1])
            throw new Error(`the Dockerfile installs pnpm ${pnpm[1]}, this machine has ${version}`);
          break;
        }
        const run = spawnSync('sh', ['-c', command], { cwd: local('.'), env, encoding: 'utf8' });
        if (run.status !== 0)
          throw new Error(`RUN ${command} failed (${run.status}):\n${run.stdout}\n${run.stderr}`.slice(-4000));
        break;
      }
      case 'ENV':
      case 'ARG':
        break;
      default:
        throw new Error(`${instruction.getKeyword()} is not emulated`);
    }
  }
  return (stagePath) => local(stagePath);
}
