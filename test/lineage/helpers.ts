// Shared by the lineage tests: small in-memory workspaces, the example workspace, the CLI as a process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { lineageGraphFor, type LineageGraph } from '../../server/src/engine/lineage';
import { LanguageService } from '../../server/src/engine/service';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const SHARED = resolve(ROOT, '..', 'shared', 'conformance');

export type Files = Record<string, string>;

/** A language service holding `files`, and the lineage graph kept for its index. */
export function workspace(files: Files): { service: LanguageService; graph: LineageGraph } {
  const service = new LanguageService();
  for (const [path, text] of Object.entries(files)) service.setDocument(path, text);
  return { service, graph: lineageGraphFor(service.index, (p) => service.getDocument(p)) };
}

/** Every YAML file under a folder, as `{ relative path: text }` (paths relative to the repository root). */
export function filesUnder(dir: string): Files {
  const out: Files = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name))
        out[relative(ROOT, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(resolve(ROOT, dir));
  return out;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cliBuilt(): boolean {
  return existsSync(CLI);
}

/** Runs `node dist/cli.js ...` (built by `npm run build`). */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// ---- documents ----------------------------------------------------------------------------------

/** An ODCS v3.1.0 contract with `body` after the header. */
export function odcs(id: string, body: string, extra = ''): string {
  return `apiVersion: v3.1.0
kind: DataContract
id: ${id}
version: 1.0.0
status: active
${extra}${body}`;
}

/** A pipeline with `schedule` (YAML lines under `schedule:`) and `steps` (YAML list items). */
export function pipeline(id: string, schedule: string, steps: string): string {
  return `apiVersion: pactline/v1
kind: Pipeline
id: ${id}
owner: data-eng
schedule:
${schedule}
steps:
${steps}`;
}

export const STREAMING = '  streaming: true\n  maxLatency: 1m';
export const DAILY = '  cron: "0 4 * * *"';
export const HOURLY = '  cron: "15 * * * *"';

/**
 * The small workspace the graph tests pin exactly: a raw contract (a source), a clean contract
 * with two schema objects and a foreign key, a dead-letter contract, a validation pipeline with
 * column mappings, a daily report pipeline reading through the clean contract, a data product.
 */
export const SMALL: Files = {
  'contracts/raw.odcs.yaml': odcs(
    'raw-orders',
    `schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
      - name: email
        logicalType: string
        classification: confidential
      - name: amount
        logicalType: number
      - name: created_at
        logicalType: timestamp
slaProperties:
  - property: latency
    value: 10
    unit: s
`,
    'name: Raw orders\ntags: [raw]\n',
  ),
  'contracts/clean.odcs.yaml': odcs(
    'clean-orders',
    `schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
      - name: customer_id
        logicalType: string
        relationships:
          - to: customers.customer_id
      - name: email
        logicalType: string
        classification: restricted
      - name: amount_eur
        logicalType: number
      - name: created_at
        logicalType: timestamp
  - name: customers
    properties:
      - name: customer_id
        logicalType: string
slaProperties:
  - property: latency
    value: 2
    unit: m
    element: orders.created_at
`,
    'team:\n  name: platform\n',
  ),
  'contracts/dlq.odcs.yaml': odcs(
    'dlq',
    `schema:
  - name: rejects
    properties:
      - name: payload
        logicalType: string
`,
  ),
  'pipelines/validate.pipeline.yaml': pipeline(
    'validate',
    STREAMING,
    `  - id: check
    runtime: flink
    inputs:
      - contract: raw-orders
        as: raw
    outputs:
      - contract: clean-orders
        schema: orders
        columns:
          order_id: raw.order_id
          email: raw.email
          amount_eur: [raw.amount, raw.created_at]
          created_at: raw.created_at
      - contract: dlq
        deadLetter: true
`,
  ),
  'products/orders.odps.yaml': `apiVersion: v1.0.0
kind: DataProduct
id: orders-product
name: Orders
status: active
inputPorts:
  - name: raw
    version: 1.0.0
    contractId: raw-orders
outputPorts:
  - name: clean
    version: 1.0.0
    contractId: clean-orders
`,
};

/** Names a hostile (or careless) author could give: markup, quotes, backslashes, a script URL, 300 characters. */
export const HOSTILE: Files = {
  'contracts/evil.odcs.yaml': odcs(
    'evil-<script>alert(1)</script>',
    `schema:
  - name: "t\\" onload=\\"alert(1)"
    properties:
      - name: "<img src=x onerror=alert(1)>"
        logicalType: string
      - name: 'javascript:alert(document.cookie)'
        logicalType: string
      - name: "back\\\\slash\\\\N\\\\G & &amp; &#60;script&#62;"
        logicalType: string
  - name: "${'x'.repeat(300)}"
`,
    `name: "<script>alert('name')</script><a href=\\"javascript:alert(1)\\">click</a>"\n`,
  ),
  'pipelines/evil.pipeline.yaml': pipeline(
    'evil',
    DAILY,
    `  - id: step
    name: "<svg onload=alert(1)><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject>"
    runtime: "]]><script>alert(1)</script><!--"
    inputs:
      - contract: "evil-<script>alert(1)</script>"
        schema: "t\\" onload=\\"alert(1)"
    outputs:
      - contract: "evil-<script>alert(1)</script>"
        schema: "${'x'.repeat(300)}"
`,
  ),
  'products/evil.odps.yaml': `apiVersion: v1.0.0
kind: DataProduct
id: "p\\" URL=\\"https://evil.example\\" image=\\"x.png"
name: "{ } | < > \\\\ \`code\` #1 %% click"
status: active
outputPorts:
  - name: out
    version: 1.0.0
    contractId: "evil-<script>alert(1)</script>"
`,
};

/** The checks every SVG we hand out must pass. */
export function assertSafeSvg(svg: string): void {
  assert.ok(svg.startsWith('<svg'), 'starts with the svg element');
  assert.doesNotMatch(
    svg,
    /<!DOCTYPE|<!ENTITY|<\?|<!\[CDATA\[|<!--/i,
    'no doctype, entity declaration, processing instruction, CDATA or comment',
  );
  // Text may only hold escaped markup, so every `<` opens a tag: check each tag, its name and attributes.
  const tags = [...svg.matchAll(/<([^>]*)>/g)].map((m) => m[1]);
  assert.equal(tags.join('').includes('<'), false, 'no `<` inside a tag');
  for (const tag of tags) {
    const name = /^\/?([A-Za-z][\w:.-]*)/.exec(tag)?.[1];
    assert.ok(
      name &&
        [
          'svg',
          'g',
          'title',
          'desc',
          'polygon',
          'polyline',
          'path',
          'ellipse',
          'circle',
          'rect',
          'line',
          'text',
          'tspan',
        ].includes(name),
      `element ${name}: no script, link, image, foreign content, style or animation`,
    );
    const attributes = tag.replace(/^\/?[\w:.-]+/, '').replace(/\/$/, '');
    assert.match(attributes, /^(\s+[\w:-]+="[^"<>]*")*\s*$/, `well-formed attributes: ${tag}`);
    for (const m of attributes.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      assert.doesNotMatch(
        m[1],
        /^on|href|^xlink:|^style$|^src$/i,
        `attribute ${m[1]}: no event handler, link or style`,
      );
      assert.doesNotMatch(m[2], /javascript:|data:|url\((?!#)/i, `attribute ${m[1]} reaches outside: ${m[2]}`);
    }
  }
}
