import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_SCHEMAS, REPO_ROOT, SERVICE_NAMES } from '../src/services';
import { copyParts, dockerignore, envOf, keyword, parseDockerfile, type Stage } from '../src/dockerfile';

const rootPackage = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  packageManager: string;
};
const ignored = dockerignore();
const packageName = (service: string) =>
  (JSON.parse(readFileSync(path.join(REPO_ROOT, 'services', service, 'package.json'), 'utf8')) as { name: string })
    .name;
const defaultPort = (service: string) => (CONFIG_SCHEMAS[service]!.properties.PORT as { default: number }).default;
const text = (stage: Stage, kw: string) => keyword(stage, kw).map((i) => i.getArgumentsContent() ?? '');

describe.each(SERVICE_NAMES)('services/%s/Dockerfile', (service) => {
  const file = path.join(REPO_ROOT, 'services', service, 'Dockerfile');
  const { stages, args, problems } = parseDockerfile(file);
  const build = stages[0]!;
  const runtime = stages[stages.length - 1]!;

  it('parses: only known instructions, a named build stage and a runtime stage', () => {
    expect(problems).toEqual([]);
    expect(stages.length).toBe(2);
    expect(build.name).toBe('build');
  });

  it('builds on the pinned Node.js and pnpm', () => {
    expect(args.NODE_VERSION).toBe(readFileSync(path.join(REPO_ROOT, '.node-version'), 'utf8').trim());
    expect(build.image).toBe('node:${NODE_VERSION}-bookworm-slim');
    expect(text(build, 'RUN').join('\n')).toContain(`npm install --global ${rootPackage.packageManager}`);
  });

  it('copies only files that exist in the context and that .dockerignore lets through', () => {
    const copies = keyword(build, 'COPY').map(copyParts);
    expect(copies.length).toBeGreaterThan(0);
    for (const { from, sources } of copies) {
      expect(from).toBeUndefined();
      for (const source of sources) {
        expect({ source, exists: existsSync(path.join(REPO_ROOT, source)) }).toEqual({ source, exists: true });
        expect({ source, ignored: ignored(source) }).toEqual({ source, ignored: false });
      }
    }
    const copied = copies.flatMap((c) => c.sources);
    expect(copied).toEqual(expect.arrayContaining(['pnpm-lock.yaml', 'packages', `services/${service}`]));
    // What the build needs is not dropped by .dockerignore: sources, migrations, the lockfile.
    for (const needed of [`services/${service}/src/server.ts`, `services/${service}/package.json`, 'pnpm-lock.yaml'])
      expect({ needed, ignored: ignored(needed) }).toEqual({ needed, ignored: false });
    if (existsSync(path.join(REPO_ROOT, 'services', service, 'prisma/migrations')))
      expect(ignored(`services/${service}/prisma/migrations`)).toBe(false);
    // …while what must never go into an image is.
    for (const secret of ['.data/secrets.json', '.env', 'node_modules/x', `services/${service}/dist/server.js`])
      expect({ secret, ignored: ignored(secret) }).toEqual({ secret, ignored: true });
  });

  it('installs, builds and deploys this service with production dependencies only', () => {
    const runs = text(build, 'RUN');
    const name = packageName(service);
    expect(runs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^pnpm install --frozen-lockfile --filter ${name}\\.\\.\\.( |$)`)),
        expect.stringMatching(new RegExp(`^pnpm exec turbo run build --filter=${name}( |$)`)),
      ]),
    );
    expect(runs).toContain(`pnpm --filter=${name} deploy --prod image`);
    // The runtime stage takes the deployed folder from the build stage, and nothing is installed there.
    const fromBuild = keyword(runtime, 'COPY').map(copyParts);
    expect(fromBuild.every((c) => c.from === 'build')).toBe(true);
    expect(fromBuild.map((c) => c.sources[0])).toContain('/repo/image');
    expect(text(runtime, 'RUN').join('\n')).not.toMatch(/pnpm|npm (ci|install)/);
  });

  it('runs as a non-root user, listens on its port, checks /healthz and starts dist/server.js', () => {
    const user = text(runtime, 'USER');
    expect(user).toEqual(['65532:65532']);
    const env = envOf(runtime);
    expect(env.HOST).toBe('0.0.0.0');
    expect(Number(env.PORT)).toBe(defaultPort(service));
    expect(text(runtime, 'EXPOSE')).toEqual([String(defaultPort(service))]);
    const healthcheck = text(runtime, 'HEALTHCHECK').join(' ');
    expect(healthcheck).toContain(`http://127.0.0.1:${defaultPort(service)}/healthz`);
    const cmd = text(runtime, 'CMD')[0]!;
    expect(cmd).toContain('"dist/server.js"');
    expect(existsSync(path.join(REPO_ROOT, 'services', service, 'src/server.ts'))).toBe(true);
  });

  it('has poppler in the proof engine only, on a small base', () => {
    const all = readFileSync(file, 'utf8');
    expect(/poppler/.test(text(runtime, 'RUN').join('\n'))).toBe(service === 'proof-engine');
    expect(runtime.image).toMatch(
      service === 'proof-engine'
        ? /^node:\$\{NODE_VERSION\}-bookworm-slim$/
        : /^gcr\.io\/distroless\/nodejs24-debian12:nonroot$/,
    );
    expect(all).not.toMatch(/^ADD /m); // COPY only: nothing fetched from a URL at build time
  });
});

it('every service folder has a Dockerfile, and the gateway image carries the web app', () => {
  for (const service of SERVICE_NAMES)
    expect(existsSync(path.join(REPO_ROOT, 'services', service, 'Dockerfile'))).toBe(true);
  const { stages } = parseDockerfile(path.join(REPO_ROOT, 'services/gateway/Dockerfile'));
  const [build, runtime] = [stages[0]!, stages[1]!];
  expect(keyword(build, 'COPY').flatMap((i) => copyParts(i).sources)).toContain('apps/web');
  expect(text(build, 'RUN').join('\n')).toContain('--filter=@plh/web');
  expect(keyword(runtime, 'COPY').map(copyParts)).toContainEqual({
    from: 'build',
    sources: ['/repo/apps/web/dist'],
    dest: './web',
  });
  expect(envOf(runtime).WEB_DIST_DIR).toBe('/app/web');
  expect(ignored('apps/web/src/api/generated/openapi.d.ts')).toBe(false); // committed, needed by the web build
});
