// Bundles the CLI (and, later, the language server and the VS Code client) into dist/.
// One bundle per entry point: the published package carries no node_modules.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  // the command: a small entry (a cached lint answers without the engine), then the full CLI
  // Minified in development builds too: a smaller bundle is read, hashed (cli/codeCache.ts) and
  // compiled faster at every start, and the benchmarks measure what ships. Source maps as usual.
  { in: 'server/src/cli/entry.ts', out: 'cli', banner: '#!/usr/bin/env node', minify: true },
  { in: 'server/src/cli/main.ts', out: 'cli-main', minify: true },
  // the language server on its own (the VS Code client starts it over IPC; `pactline lsp` is the same server)
  { in: 'server/src/lsp/main.ts', out: 'server' },
  // the VS Code extension (vscode is provided by the extension host)
  { in: 'client/src/extension.ts', out: 'client' },
  // extension-host tests (test/e2e); mocha is loaded from node_modules at run time; not shipped (.vscodeignore)
  { in: 'test/e2e/exthost/index.ts', out: 'test/e2e/exthost', external: ['mocha'] },
  // ... and the activation-cost checks, run in a workspace without Pactline files
  { in: 'test/e2e/exthost/activation.ts', out: 'test/e2e/exthost-activation', external: ['mocha'] },
  // the lineage panel: Graphviz layout in a worker thread of the server, and the webview's page (browser)
  { in: 'server/src/lsp/lineageWorker.ts', out: 'lineage-worker' },
  { in: 'webview/src/main.ts', out: 'webview/lineage', platform: 'browser', format: 'iife', target: 'chrome120' },
];

async function main() {
  const contexts = await Promise.all(
    entries.map((entry) =>
      esbuild.context({
        entryPoints: { [entry.out]: entry.in },
        bundle: true,
        platform: entry.platform ?? 'node',
        target: entry.target ?? 'node20',
        format: entry.format ?? 'cjs',
        outdir: 'dist',
        sourcemap: !production,
        minify: entry.minify ?? production,
        external: ['vscode', ...(entry.external ?? [])],
        banner: entry.banner ? { js: entry.banner } : undefined,
        logLevel: 'warning',
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  // `pactline lineage --format png` loads resvg's WebAssembly from beside the CLI (server/src/host/png.ts)
  require('node:fs').copyFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'), 'dist/resvg.wasm');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
