#!/usr/bin/env node
// Builds plh-chart-render (packages/deploy-checks/chart-render/main.go) into .local/chart-render: the
// test suite renders the Helm chart with it, because Helm itself cannot be installed on these machines
// (PLATFORM.md). It is Go's text/template with sprig, the engine and function library Helm uses, both
// from Debian's archive (golang-go, golang-github-masterminds-sprig-dev, golang-gopkg-yaml.v3-dev),
// installed with apt-get as root when missing and compiled offline in GOPATH mode.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasApt, root } from './debian-packages.mjs';

const source = path.join(root, 'packages/deploy-checks/chart-render/main.go');
const outDir = path.join(root, '.local/chart-render');
const binary = path.join(outDir, 'plh-chart-render');
const GOPATH = '/usr/share/gocode'; // where Debian's golang-*-dev packages put their sources
const PACKAGES = ['golang-go', 'golang-github-masterminds-sprig-dev', 'golang-gopkg-yaml.v3-dev'];

function toolchainPresent() {
  return (
    spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0 &&
    existsSync(path.join(GOPATH, 'src/github.com/Masterminds/sprig/functions.go')) &&
    existsSync(path.join(GOPATH, 'src/gopkg.in/yaml.v3/decode.go'))
  );
}

export function ensureChartRender() {
  if (existsSync(binary) && statSync(binary).mtimeMs >= statSync(source).mtimeMs) return binary;
  if (!toolchainPresent()) {
    if (!hasApt() || process.getuid?.() !== 0)
      throw new Error(`the chart tests need Go and sprig: sudo apt-get install -y ${PACKAGES.join(' ')}`);
    console.log(`[setup] installing ${PACKAGES.join(', ')} (apt-get) to render the Helm chart in tests ...`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', '--no-install-recommends', ...PACKAGES],
    ]) {
      const apt = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (apt.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${apt.status})`);
    }
  }
  mkdirSync(outDir, { recursive: true });
  const build = spawnSync('go', ['build', '-o', binary, source], {
    stdio: 'inherit',
    env: { ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: path.join(outDir, 'cache'), GOFLAGS: '' },
  });
  if (build.status !== 0) throw new Error(`go build of ${path.relative(root, source)} failed`);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureChartRender());
