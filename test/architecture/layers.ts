// The layer table of ARCHITECTURE.md as data, and the checker the layer test runs over every source file.
import path from 'node:path';
import { builtinModules } from 'node:module';

export type Layer = 'protocol' | 'formats' | 'engine' | 'git' | 'host' | 'cli' | 'lsp' | 'client' | 'webview';

interface LayerRule {
  /** The folder (from the repository root) whose files are this layer. */
  folder: string;
  /** Layers whose modules this one may import (itself included). */
  layers: Layer[];
  /** May it use Node's built-in modules (fs, child_process, …)? */
  node: boolean;
  /** Packages it may not import (a prefix matches a package's sub-paths). */
  forbiddenPackages: string[];
}

const TRANSPORT = ['vscode-languageserver', 'vscode-languageclient', 'vscode-jsonrpc'];

export const LAYER_RULES: Record<Layer, LayerRule> = {
  protocol: {
    folder: 'protocol/',
    layers: ['protocol'],
    node: false,
    forbiddenPackages: ['vscode', 'vscode-languageserver', 'vscode-languageclient'],
  },
  formats: {
    folder: 'server/src/formats/',
    layers: ['formats'],
    node: false,
    forbiddenPackages: ['vscode', ...TRANSPORT],
  },
  engine: {
    folder: 'server/src/engine/',
    layers: ['engine', 'formats'],
    node: false,
    forbiddenPackages: ['vscode', ...TRANSPORT],
  },
  git: {
    folder: 'server/src/git/',
    layers: ['git', 'engine', 'formats'],
    node: true,
    forbiddenPackages: ['vscode', ...TRANSPORT],
  },
  host: {
    folder: 'server/src/host/',
    layers: ['host', 'git', 'engine', 'formats'],
    node: true,
    forbiddenPackages: ['vscode', ...TRANSPORT],
  },
  cli: {
    folder: 'server/src/cli/',
    layers: ['cli', 'host', 'git', 'engine', 'formats'],
    node: true,
    forbiddenPackages: ['vscode', ...TRANSPORT],
  },
  lsp: {
    folder: 'server/src/lsp/',
    layers: ['lsp', 'host', 'git', 'engine', 'formats', 'protocol'],
    node: true,
    forbiddenPackages: ['vscode', 'vscode-languageclient'],
  },
  // The client shows what the server answers: it reaches the server only through protocol/ (the file-kind
  // guess that picks the editor language for an unnamed YAML file is the one pure engine module it reuses).
  client: {
    folder: 'client/src/',
    layers: ['client', 'protocol', 'webview'],
    node: true,
    forbiddenPackages: ['vscode-languageserver'],
  },
  webview: {
    folder: 'webview/src/',
    layers: ['webview', 'protocol'],
    node: false,
    forbiddenPackages: ['vscode', ...TRANSPORT],
  },
};

/** Single modules a layer may import from a layer it otherwise may not, each with its reason. */
const ALLOWED_EXCEPTIONS: Record<string, string[]> = {
  client: ['server/src/engine/kinds', 'server/src/engine/types', 'server/src/formats/fileKind'],
  // The SVG allow-list is data shared by the engine's sanitiser and the webview's (no imports of its own).
  engine: ['protocol/svgAllowList'],
};

/** Node modules the client may not use even though it runs in Node: it must not run git or other programs. */
const CLIENT_FORBIDDEN_BUILTINS = ['child_process', 'worker_threads', 'cluster'];

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

export function layerOf(file: string): Layer | null {
  const normal = file.split(path.sep).join('/');
  for (const [layer, rule] of Object.entries(LAYER_RULES) as Array<[Layer, LayerRule]>) {
    if (normal.startsWith(rule.folder)) return layer;
  }
  return null;
}

/** Every module specifier a file imports: static and type imports, re-exports, `import()` and `require()`. */
export function importsOf(code: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gm,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) specifiers.push(match[1]);
  return specifiers;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** What is wrong with `file` importing each of `specifiers`, one line per crossing. */
export function violations(file: string, specifiers: string[]): string[] {
  const layer = layerOf(file);
  if (!layer) return [`${file}: not in any layer`];
  const rule = LAYER_RULES[layer];
  const found: string[] = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const targetLayer = layerOf(target) ?? layerOf(target + '/');
      if (ALLOWED_EXCEPTIONS[layer]?.some((allowed) => target === allowed || target.startsWith(allowed + '.')))
        continue;
      if (targetLayer === null) {
        // Data, not code: package.json (the version) and the generated JSON Schemas the engine bundles.
        if (!/(^|\/)package\.json$/.test(target) && !/^schemas\/[^/]+\.json$/.test(target))
          found.push(`${file}: imports ${specifier}, which is in no layer`);
      } else if (!rule.layers.includes(targetLayer)) {
        found.push(`${file} (${layer}) may not import ${specifier} (${targetLayer})`);
      }
      continue;
    }
    if (BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) {
      const bare = specifier.replace(/^node:/, '').split('/')[0];
      if (!rule.node) found.push(`${file} (${layer}) may not use Node's ${specifier}`);
      else if (layer === 'client' && CLIENT_FORBIDDEN_BUILTINS.includes(bare))
        found.push(`${file} (client) may not use ${specifier}: the client runs no programs`);
      continue;
    }
    const name = packageName(specifier);
    if (rule.forbiddenPackages.some((forbidden) => name === forbidden)) {
      found.push(`${file} (${layer}) may not import ${specifier}`);
    }
  }
  return found;
}
