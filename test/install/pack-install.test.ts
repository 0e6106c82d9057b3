// The CLI as a user gets it: `npm pack` of this repository, the tarball installed into an empty project
// with no devDependencies (`npm install --omit=dev`), then `npx pactline` there: lint on a good and a bad
// contract, breaking changes in a real git repository, a lineage SVG (Graphviz's WebAssembly must be
// in the bundle). The package ships the bundles, the schemas, README and licence, under 3 MB.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { git, gitInit, ok, packTarball, ROOT, run, VERSION, type Packed } from './helpers';

const work = mkdtempSync(join(tmpdir(), 'pactline-pack-'));
const project = join(work, 'consumer');
let packed: Packed;

const npx = (args: string[], cwd = project) => run('npx', ['--no', '--', 'pactline', ...args], { cwd });

describe('the npm package', { timeout: 10 * 60_000 }, () => {
  before(() => {
    packed = packTarball(work);
    cpSync(join(ROOT, 'examples'), join(project, 'data'), { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2),
    );
    ok('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', packed.tarball], {
      cwd: project,
      timeout: 5 * 60_000,
    });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('is under 3 MB and holds the bundles, schemas, README and licence, no sources, tests or maps', () => {
    assert.ok(packed.size < 3 * 1024 * 1024, `tarball is ${(packed.size / 1024 / 1024).toFixed(2)} MB`);
    for (const file of [
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/lineage-worker.js',
      'README.md',
      'LICENSE',
      'package.json',
      'schemas/odcs-v3.1.schema.json',
      'schemas/pipeline.schema.json',
    ]) {
      assert.ok(packed.files.includes(file), `${file} is in the package (${packed.files.join(', ')})`);
    }
    const unwanted = packed.files.filter(
      (f) =>
        /\.(ts|map)$/.test(f) ||
        /^(test|server|client|webview|bench|scripts|examples)\//.test(f) ||
        f.includes('node_modules'),
    );
    assert.deepEqual(unwanted, []);
  });

  it('installs with no dependency of its own: the bundle carries them', () => {
    const installed = readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(installed, ['pactline']);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/pactline/package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    assert.equal(manifest.private, undefined, 'publishable');
    assert.deepEqual(manifest.bin, { pactline: 'dist/cli.js' });
  });

  it('`npx pactline --version` and `lint` on a good contract: exit 0', () => {
    const version = npx(['--version']);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), VERSION);
    const good = npx(['lint', 'data/contracts/raw-orders-cdc.odcs.yaml']);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /✔ 1 file checked, no problems/);
    const all = npx(['lint', 'data']);
    assert.equal(all.code, 0, all.stdout + all.stderr);
    assert.match(all.stdout, /✔ 20 files checked, no problems/);
  });

  it('`npx pactline lint` on a bad contract: the finding, exit 1', () => {
    const file = join(project, 'data/contracts/raw-orders-cdc.odcs.yaml');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /logicalType: string/);
    writeFileSync(join(project, 'bad.odcs.yaml'), text.replace('logicalType: string', 'logicalType: strin'));
    const bad = npx(['lint', 'bad.odcs.yaml']);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(
      bad.stdout,
      /error {2}`strin` is not a valid `logicalType`\..* Did you mean `string`\? {2}schema\/enum/,
    );
    const json = npx(['lint', 'bad.odcs.yaml', '--format', 'sarif']);
    assert.equal(json.code, 1);
    assert.equal((JSON.parse(json.stdout) as { version: string }).version, '2.1.0');
  });

  it('`pactline breaking` in a git repository: the removed property and who it breaks, exit 1', () => {
    const repo = join(project, 'data');
    gitInit(repo);
    const file = join(repo, 'contracts/validated-commerce-cdc.odcs.yaml');
    const before = readFileSync(file, 'utf8');
    const after = before.replace(/ {6}- name: customer_id\n {8}logicalType: string\n(?: {8}.*\n)*?(?= {6}- name:)/, '');
    assert.notEqual(after, before, 'the edit applies');
    writeFileSync(file, after);
    const breaking = npx(['breaking', '--against', 'HEAD'], repo);
    assert.equal(breaking.code, 1, breaking.stdout + breaking.stderr);
    assert.match(
      breaking.stdout,
      /Property `orders\.customer_id` \(string\) was removed\..*breaking\/property-removed/,
    );
    assert.match(breaking.stdout, /↳ affects pipeline lake-archive/);
    git(repo, 'commit', '-qam', 'drop customer_id');
    const clean = npx(['breaking', '--against', 'HEAD'], repo);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    const missing = npx(['breaking', '--against', 'no-such-branch'], repo);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
  });

  const vsce = join(ROOT, 'tools/node_modules/.bin/vsce');
  const noVsce = existsSync(vsce)
    ? false
    : 'tools/ is not installed (npm ci --prefix tools; npm run package and the end-to-end tests do it): would have checked that vsce still packages the extension beside .npmignore';
  it('the VS Code extension still packages from the same package.json (vsce, .vscodeignore)', { skip: noVsce }, () => {
    // vsce refuses a `files` list next to .vscodeignore; the npm package's contents come from .npmignore
    const src = join(work, 'src');
    const vsix = join(work, 'pactline.vsix');
    ok(vsce, ['package', '--no-dependencies', '-o', vsix], { cwd: src });
    const listed = ok('unzip', ['-Z1', vsix], { cwd: work }).split('\n');
    for (const file of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/package.json'])
      assert.ok(listed.includes(file), file);
    assert.deepEqual(
      listed.filter((f) => /\.(ts|map)$/.test(f)),
      [],
    );
  });

  it('`pactline lineage` draws an SVG with the bundled Graphviz', () => {
    const svg = npx(['lineage', 'data', '--format', 'svg']);
    assert.equal(svg.code, 0, svg.stderr);
    assert.match(svg.stdout, /<svg[^>]*>/);
    assert.match(svg.stdout, /validated-commerce-cdc/);
  });
});
