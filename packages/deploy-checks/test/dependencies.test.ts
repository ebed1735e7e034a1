/**
 * A production image holds a service with its `dependencies` only (`pnpm deploy --prod`): a module its
 * code imports that is only hoisted in the workspace, or only a devDependency, is missing there and
 * the service crashes at start. So every bare import of non-test code in the services and the
 * workspace packages they ship must be a declared dependency of that package.
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/services';

/** Files only tests load (test helpers shipped in src/ for other packages' tests). */
const TEST_ONLY = [/\.test\.ts$/, /^packages\/service-kit\/src\/testing\.ts$/, /^packages\/test-kit\//];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `@scope/name/deep` -> `@scope/name`, `name/deep` -> `name`; undefined for relative and built-in modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Bare specifiers of value imports (type-only imports vanish from the compiled code). */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/^\s*import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) found.add(m[1]!);
  for (const m of code.matchAll(/^\s*export\s+(?!type\s)[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm)) found.add(m[1]!);
  for (const m of code.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1]!);
  return [...found];
}

const shipped = ['services', 'packages']
  .flatMap((root) => readdirSync(path.join(REPO_ROOT, root)).map((name) => `${root}/${name}`))
  .filter((dir) => !['packages/test-kit', 'packages/deploy-checks', 'packages/webhook-verify'].includes(dir));

it.each(shipped)('%s declares every package its code imports as a dependency', (dir) => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, dir, 'package.json'), 'utf8')) as {
    name: string;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const missing: string[] = [];
  for (const file of sourceFiles(path.join(REPO_ROOT, dir, 'src'))) {
    const relative = path.relative(REPO_ROOT, file);
    if (TEST_ONLY.some((re) => re.test(relative))) continue;
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      const name = packageOf(specifier);
      if (name && !declared.has(name)) missing.push(`${relative}: ${name}`);
    }
  }
  expect(missing).toEqual([]);
});
