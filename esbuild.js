// Bundles the CLI (and, later, the language server and the VS Code client) into dist/.
// One bundle per entry point: the published package carries no node_modules.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
];

async function main() {
  const contexts = await Promise.all(entries.map((entry) => esbuild.context({
    entryPoints: { [entry.out]: entry.in },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: 'dist',
    sourcemap: !production,
    minify: production,
    external: ['vscode'],
    banner: entry.banner ? { js: entry.banner } : undefined,
    logLevel: 'warning',
  })));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
