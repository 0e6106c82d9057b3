// The lineage panel's page (bundled to dist/webview/lineage.js). It shows what the language server
// laid out: no graph logic lives here. It keeps its state with setState, asks the extension by typed
// requests (protocol.ts), sanitises every SVG again before it reaches the page (sanitize.ts), and
// handles pan, zoom, search, hover and click on the drawing.
import './lineage.css';
import {
  DEFAULT_STATE,
  type HostMessage,
  type LineageNodeInfo,
  type LineageNodeKind,
  type LineageResult,
  type PanelState,
  type RequestMethod,
  type Requests,
} from './protocol';
import { sanitizeSvg } from './sanitize';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const state: PanelState = { ...DEFAULT_STATE, ...((vscode.getState() as Partial<PanelState> | undefined) ?? {}) };
const save = () => vscode.setState(state);

// ---- requests -----------------------------------------------------------------------------------

let nextId = 0;
const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

function request<M extends RequestMethod>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    vscode.postMessage({ type: 'request', id, method, params });
  });
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message?.type) {
    case 'response': {
      const w = waiting.get(message.id);
      if (!w) return;
      waiting.delete(message.id);
      if (message.error !== undefined) w.reject(new Error(message.error));
      else w.resolve(message.result);
      return;
    }
    case 'editor':
      if (!state.follow || (state.documentUri === message.uri && state.focus === undefined)) return;
      state.documentUri = message.uri;
      state.focus = undefined;
      void draw();
      return;
    case 'show':
      if (message.focus !== undefined) state.focus = message.focus;
      if (message.uri !== undefined) {
        state.documentUri = message.uri;
        if (message.focus === undefined) state.focus = undefined;
      }
      void draw();
      return;
    case 'refresh':
      void draw(true);
      return;
  }
});

// ---- the page -----------------------------------------------------------------------------------

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLDivElement>('canvas');
const viewport = $<HTMLDivElement>('viewport');
const message = $<HTMLDivElement>('message');
const statusLine = $<HTMLDivElement>('status');
const tooltip = $<HTMLDivElement>('tooltip');
const upstream = $<HTMLInputElement>('upstream');
const downstream = $<HTMLInputElement>('downstream');
const columns = $<HTMLInputElement>('columns');
const follow = $<HTMLInputElement>('follow');
const search = $<HTMLInputElement>('search');
const KINDS: LineageNodeKind[] = ['contract', 'dataset', 'pipeline', 'job', 'product', 'external'];

let current: LineageResult | undefined;
let infos = new Map<string, LineageNodeInfo>();
let svg: SVGSVGElement | undefined;
let seq = 0;
/** Panned or zoomed by hand since the last drawing: a resize keeps it; otherwise the drawing is fitted again. */
let userZoomed = false;

function syncControls(): void {
  upstream.value = String(state.upstream);
  downstream.value = String(state.downstream);
  columns.checked = state.columns;
  follow.checked = state.follow;
  search.value = state.search;
  for (const kind of KINDS) $<HTMLInputElement>(`kind-${kind}`).checked = !state.hidden.includes(kind);
}

const depthOf = (input: HTMLInputElement) => Math.max(0, Math.min(20, Math.floor(Number(input.value) || 0)));
upstream.addEventListener('change', () => {
  state.upstream = depthOf(upstream);
  void draw();
});
downstream.addEventListener('change', () => {
  state.downstream = depthOf(downstream);
  void draw();
});
for (const [button, input, step] of [
  ['up-less', upstream, -1],
  ['up-more', upstream, 1],
  ['down-less', downstream, -1],
  ['down-more', downstream, 1],
] as const) {
  $(button).addEventListener('click', () => {
    input.value = String(Math.max(0, Math.min(20, depthOf(input) + step)));
    input.dispatchEvent(new Event('change'));
  });
}
columns.addEventListener('change', () => {
  state.columns = columns.checked;
  void draw();
});
follow.addEventListener('change', () => {
  state.follow = follow.checked;
  if (state.follow) state.focus = undefined;
  void draw();
});
for (const kind of KINDS) {
  $<HTMLInputElement>(`kind-${kind}`).addEventListener('change', (e) => {
    const shown = (e.target as HTMLInputElement).checked;
    state.hidden = shown ? state.hidden.filter((k) => k !== kind) : [...state.hidden, kind];
    void draw();
  });
}
$('whole').addEventListener('click', () => {
  state.focus = undefined;
  state.documentUri = undefined;
  state.follow = false;
  void draw();
});
$('fit').addEventListener('click', () => fit(true));
$('zoom-in').addEventListener('click', () => zoomBy(1.25));
$('zoom-out').addEventListener('click', () => zoomBy(0.8));
for (const format of ['svg', 'png', 'dot'] as const)
  $(`export-${format}`).addEventListener('click', () => void exportAs(format));

search.addEventListener('input', () => {
  state.search = search.value;
  save();
  highlight();
});
search.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || !search.value.trim()) return;
  const matches = matching(search.value);
  state.focus = matches.length === 1 ? matches[0] : search.value.trim();
  void draw();
});

// ---- drawing ------------------------------------------------------------------------------------

async function draw(keepZoom = false): Promise<void> {
  const mine = ++seq;
  save();
  syncControls();
  document.body.classList.add('busy');
  try {
    const result = await request('render', {
      documentUri: state.focus === undefined ? state.documentUri : undefined,
      focus: state.focus,
      upstream: state.upstream,
      downstream: state.downstream,
      columns: state.columns,
      expand: state.expand,
      hidden: state.hidden,
    });
    if (mine !== seq) return;
    show(result, keepZoom);
  } catch (error) {
    if (mine !== seq) return;
    showMessage(`The lineage could not be drawn: ${(error as Error).message}`);
  } finally {
    if (mine === seq) document.body.classList.remove('busy');
  }
}

function showMessage(text: string, actions: { label: string; run: () => void }[] = []): void {
  message.replaceChildren();
  const p = document.createElement('p');
  p.textContent = text;
  message.appendChild(p);
  if (actions.length) {
    const row = document.createElement('div');
    row.className = 'actions';
    for (const action of actions) {
      const button = document.createElement('button');
      button.textContent = action.label;
      button.addEventListener('click', action.run);
      row.appendChild(button);
    }
    message.appendChild(row);
  }
  message.hidden = false;
}

function focusOn(id: string): void {
  state.focus = id;
  void draw();
}

function show(result: LineageResult, keepZoom: boolean): void {
  current = result;
  message.hidden = true;
  tooltip.hidden = true;
  if (result.kind !== 'graph') {
    $('legend').hidden = true;
    viewport.replaceChildren();
    svg = undefined;
    infos = new Map();
    document.body.dataset.state = result.kind;
    if (result.kind === 'too-large') {
      showMessage(
        `${result.message} Narrow the view: lower the depth, hide columns or some kinds, or focus on one of the busiest nodes.`,
        result.summary.busiest.map((b) => ({ label: `${b.label} (${b.degree} edges)`, run: () => focusOn(b.id) })),
      );
      statusLine.textContent = `${result.summary.nodes.toLocaleString('en-US')} nodes: not drawn`;
    } else if (result.kind === 'not-found') {
      const suggestion = result.suggestion;
      showMessage(result.message, [
        ...(suggestion ? [{ label: `Show ${suggestion}`, run: () => focusOn(suggestion) }] : []),
        ...(result.candidates ?? []).slice(0, 8).map((c) => ({ label: c, run: () => focusOn(c) })),
      ]);
      statusLine.textContent = '';
    } else {
      showMessage(result.message, [{ label: 'Show the whole graph', run: () => $('whole').click() }]);
      statusLine.textContent = result.focusLabel ?? '';
    }
    return;
  }
  let clean: SVGSVGElement;
  try {
    clean = sanitizeSvg(result.svg).svg;
  } catch (error) {
    showMessage(`The drawing was refused: ${(error as Error).message}`);
    return;
  }
  document.body.dataset.state = 'graph';
  infos = new Map(result.nodes.map((n) => [n.id, n]));
  svg = clean;
  decorate(clean, result.focus, result.breaking);
  viewport.replaceChildren(clean);
  // a column focus opens traced; a click on a row traces that column instead
  traced = result.focus !== undefined && infos.get(result.focus)?.kind === 'column' ? result.focus : undefined;
  applyTrace();
  if (result.note) showMessage(result.note);
  if (result.breaking) {
    const shown = result.breaking.affected.filter((id) => infos.has(id)).length;
    $('legend').textContent =
      `Breaking changes in ${result.breaking.changed.map((id) => infos.get(id)?.label ?? id).join(', ')} · ` +
      `${result.breaking.affected.length} consumer${result.breaking.affected.length === 1 ? '' : 's'} affected (${shown} in view)`;
    $('legend').hidden = false;
  } else {
    $('legend').hidden = true;
  }
  const t = result.timings;
  statusLine.textContent =
    `${result.focusLabel ? `${result.focusLabel} · ` : 'Whole graph · '}${result.nodes.length} nodes, ${result.edgeCount} edges` +
    ` (workspace: ${result.total.nodes} nodes) · layout ${Math.round(t.layoutMs)} ms${t.worker ? ' in a worker' : ''}`;
  highlight();
  if (keepZoom && state.zoom) applyZoom();
  else {
    userZoomed = false;
    fit();
  }
}

/** Marks each drawn node with its graph id (from its <title>, which is then removed: the panel has its own tooltip). */
function decorate(
  root: SVGSVGElement,
  focus: string | undefined,
  breaking?: { changed: string[]; affected: string[] },
): void {
  const changed = new Set(breaking?.changed ?? []);
  const affected = new Set(breaking?.affected ?? []);
  // drawn at one unit per CSS pixel; pan and zoom scale the viewport around it
  const box = root.viewBox.baseVal;
  if (box && box.width && box.height) {
    root.setAttribute('width', String(box.width));
    root.setAttribute('height', String(box.height));
  }
  for (const g of Array.from(root.querySelectorAll<SVGGElement>('g.node, g.cluster'))) {
    const title = g.querySelector(':scope > title');
    let id = g.classList.contains('cluster') ? g.id.replace(/^cluster:/, '') : (title?.textContent ?? '');
    title?.remove();
    if (!infos.has(id)) id = '';
    if (!id) continue;
    g.dataset.id = id;
    g.classList.add('lineage-node');
    // a focused contract or pipeline is not drawn when its members are: they carry the focus
    if (id === focus || (focus !== undefined && infos.get(id)?.parent === focus)) g.classList.add('focus');
    if (changed.has(id)) g.classList.add('breaking-changed');
    else if (affected.has(id)) g.classList.add('breaking-affected');
    g.addEventListener('click', (e) => {
      e.stopPropagation();
      void request('open', { id });
    });
    g.addEventListener('dblclick', (e) => {
      e.stopPropagation();
      focusOn(id);
    });
    g.addEventListener('mouseenter', (e) => showTooltip(id, e as MouseEvent));
    g.addEventListener('mousemove', (e) => placeTooltip(e as MouseEvent));
    g.addEventListener('mouseleave', () => {
      tooltip.hidden = true;
    });
  }
  for (const title of Array.from(root.querySelectorAll('title'))) title.remove();
  // Column rows and "+ N more" rows: groups named by the hexadecimal id of their column or dataset.
  for (const g of Array.from(root.querySelectorAll<SVGGElement>('g[id^="a_row-"]'))) {
    const column = fromHex(g.id.slice('a_row-'.length));
    if (!column) continue;
    g.dataset.column = column;
    g.classList.add('column-row');
    g.addEventListener('click', (e) => {
      e.stopPropagation();
      traced = traced === column ? undefined : column;
      applyTrace();
    });
    g.addEventListener('dblclick', (e) => {
      e.stopPropagation();
      void request('open', { id: column });
    });
  }
  for (const g of Array.from(root.querySelectorAll<SVGGElement>('g[id^="a_more-"]'))) {
    const dataset = fromHex(g.id.slice('a_more-'.length));
    if (!dataset) continue;
    g.dataset.expand = dataset;
    g.classList.add('more-row');
    g.addEventListener('click', (e) => {
      e.stopPropagation();
      if (!state.expand.includes(dataset)) state.expand = [...state.expand, dataset];
      void draw(true);
    });
  }
  for (const g of Array.from(root.querySelectorAll<SVGGElement>('g.lineage-node')))
    g.addEventListener('contextmenu', (e) => {
      e.preventDefault();
      e.stopPropagation();
      showMenu(g.dataset.id ?? '', e);
    });
}

/** The text of a hexadecimal UTF-8 id (as the server writes a row's group id); '' when it is not one. */
function fromHex(hex: string): string {
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return '';
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return new TextDecoder().decode(bytes);
}

// ---- tracing a column ---------------------------------------------------------------------------

/** The column whose path is highlighted (the server computed every drawn column's path: `traces`). */
let traced: string | undefined;

function applyTrace(): void {
  if (!svg || current?.kind !== 'graph') return;
  const trace = traced !== undefined ? current.traces?.find((t) => t.column === traced) : undefined;
  svg.classList.toggle('tracing', trace !== undefined);
  const nodes = new Set(trace?.nodes ?? []);
  const edges = new Set((trace?.edges ?? []).map(String));
  const tables = new Set([...nodes].map((id) => infos.get(id)?.parent).filter((p): p is string => p !== undefined));
  for (const row of Array.from(svg.querySelectorAll<SVGGElement>('g.column-row')))
    row.classList.toggle('traced', nodes.has(row.dataset.column ?? ''));
  for (const edge of Array.from(svg.querySelectorAll<SVGGElement>('g.edge'))) {
    const on = edges.has(/^edge:(\d+)/.exec(edge.id)?.[1] ?? '');
    edge.classList.toggle('traced', trace !== undefined && on);
    edge.classList.toggle('trace-dimmed', trace !== undefined && !on);
  }
  for (const g of Array.from(svg.querySelectorAll<SVGGElement>('g.lineage-node'))) {
    const id = g.dataset.id ?? '';
    g.classList.toggle('trace-dimmed', trace !== undefined && !nodes.has(id) && !tables.has(id));
  }
  statusLine.dataset.traced = trace?.column ?? '';
}

// ---- the context menu ---------------------------------------------------------------------------

const menu = $<HTMLDivElement>('menu');

function showMenu(id: string, e: MouseEvent): void {
  if (!id) return;
  tooltip.hidden = true;
  menu.replaceChildren();
  const items: [string, () => void][] = [
    ['Focus on this node', () => focusOn(id)],
    [
      'Expand upstream one hop',
      () => {
        if (state.focus !== id) state.focus = id;
        state.upstream = Math.min(20, state.upstream + 1);
        void draw();
      },
    ],
    [
      'Expand downstream one hop',
      () => {
        if (state.focus !== id) state.focus = id;
        state.downstream = Math.min(20, state.downstream + 1);
        void draw();
      },
    ],
    ['Open its file', () => void request('open', { id })],
  ];
  for (const [label, run] of items) {
    const button = document.createElement('button');
    button.setAttribute('role', 'menuitem');
    button.textContent = label;
    button.addEventListener('click', () => {
      menu.hidden = true;
      run();
    });
    menu.appendChild(button);
  }
  menu.style.left = `${Math.min(e.clientX, window.innerWidth - 220)}px`;
  menu.style.top = `${Math.min(e.clientY, window.innerHeight - 120)}px`;
  menu.hidden = false;
}
window.addEventListener('click', () => {
  menu.hidden = true;
});
window.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') menu.hidden = true;
});

function showTooltip(id: string, e: MouseEvent): void {
  const n = infos.get(id);
  if (!n) return;
  tooltip.replaceChildren();
  const head = document.createElement('div');
  head.className = 'tt-title';
  head.textContent = `${n.label}`;
  tooltip.appendChild(head);
  const rows: [string, string | undefined][] = [
    ['kind', n.kind],
    ['id', n.id],
    ['owner', n.owner],
    ['version', n.version],
    ['status', n.status],
    ['SLA', n.sla?.join('; ')],
    ['classification', n.classification],
  ];
  for (const [key, value] of rows) {
    if (!value) continue;
    const row = document.createElement('div');
    const k = document.createElement('span');
    k.className = 'tt-key';
    k.textContent = key;
    row.append(k, document.createTextNode(value));
    tooltip.appendChild(row);
  }
  const hint = document.createElement('div');
  hint.className = 'tt-hint';
  hint.textContent = 'Click: open · Double-click: focus';
  tooltip.appendChild(hint);
  tooltip.hidden = false;
  placeTooltip(e);
}

function placeTooltip(e: MouseEvent): void {
  const x = Math.min(e.clientX + 14, window.innerWidth - tooltip.offsetWidth - 4);
  const y = Math.min(e.clientY + 14, window.innerHeight - tooltip.offsetHeight - 4);
  tooltip.style.left = `${Math.max(0, x)}px`;
  tooltip.style.top = `${Math.max(0, y)}px`;
}

// ---- search -------------------------------------------------------------------------------------

function matching(text: string): string[] {
  const t = text.trim().toLowerCase();
  if (!t) return [];
  return [...infos.values()]
    .filter((n) => n.label.toLowerCase().includes(t) || n.id.toLowerCase().includes(t))
    .map((n) => n.id);
}

function highlight(): void {
  if (!svg) return;
  const hits = new Set(matching(state.search));
  const searching = state.search.trim() !== '';
  for (const g of Array.from(svg.querySelectorAll<SVGGElement>('g.lineage-node'))) {
    const hit = hits.has(g.dataset.id ?? '');
    g.classList.toggle('match', searching && hit);
    g.classList.toggle('unmatched', searching && !hit);
  }
  $('search-count').textContent = searching ? `${hits.size} found` : '';
}

// ---- pan and zoom -------------------------------------------------------------------------------

function zoom(): { x: number; y: number; scale: number } {
  return state.zoom ?? { x: 0, y: 0, scale: 1 };
}

function applyZoom(): void {
  const z = zoom();
  viewport.style.transform = `translate(${z.x}px, ${z.y}px) scale(${z.scale})`;
}

function setZoom(z: { x: number; y: number; scale: number }): void {
  state.zoom = { x: z.x, y: z.y, scale: Math.max(0.03, Math.min(8, z.scale)) };
  applyZoom();
  save();
}

function zoomBy(factor: number, cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2): void {
  userZoomed = true;
  const z = zoom();
  const scale = Math.max(0.03, Math.min(8, z.scale * factor));
  const k = scale / z.scale;
  setZoom({ x: cx - (cx - z.x) * k, y: cy - (cy - z.y) * k, scale });
}

/**
 * The zoom at which the drawing's labels (12 units) are as large as VS Code's smallest UI text
 * (about 9 px): below it, the first view is centred on the focus at this zoom instead of fitted.
 */
const LEGIBLE_SCALE = 0.75;

/** Fits the drawing to the panel; unless `all`, not below a legible zoom when there is a focus to centre on. */
function fit(all = false): void {
  if (!svg) return;
  const box = svg.viewBox.baseVal;
  const w = box?.width || svg.getBoundingClientRect().width;
  const h = box?.height || svg.getBoundingClientRect().height;
  if (!w || !h) return;
  const cw = canvas.clientWidth;
  const ch = canvas.clientHeight;
  const scale = Math.min((cw - 24) / w, (ch - 24) / h, 1.5);
  const focus = all ? undefined : focusElement();
  if (focus && scale < LEGIBLE_SCALE) {
    // where the focus is in the drawing's units: its place on screen, relative to the drawing, unscaled
    const at = focus.getBoundingClientRect();
    const origin = svg.getBoundingClientRect();
    const now = zoom().scale || 1;
    const cx = (at.left + at.width / 2 - origin.left) / now;
    const cy = (at.top + at.height / 2 - origin.top) / now;
    setZoom({ x: cw / 2 - cx * LEGIBLE_SCALE, y: ch / 2 - cy * LEGIBLE_SCALE, scale: LEGIBLE_SCALE });
    document.body.dataset.view = 'focus';
    return;
  }
  setZoom({ x: (cw - w * scale) / 2, y: (ch - h * scale) / 2, scale });
  document.body.dataset.view = 'fit';
}

/** What the first view centres on: the traced column's row, or the focus node. */
function focusElement(): SVGGraphicsElement | undefined {
  if (!svg) return undefined;
  const rows = Array.from(svg.querySelectorAll<SVGGElement>('g.column-row'));
  const row = traced !== undefined ? rows.find((r) => r.dataset.column === traced) : undefined;
  return row ?? svg.querySelector<SVGGElement>('g.lineage-node.focus') ?? undefined;
}

canvas.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    const rect = canvas.getBoundingClientRect();
    zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
  },
  { passive: false },
);

let drag: { x: number; y: number; z: { x: number; y: number; scale: number } } | undefined;
canvas.addEventListener('click', (e) => {
  if (traced === undefined || (e.target as Element).closest?.('g.lineage-node')) return;
  traced = undefined;
  applyTrace();
});
canvas.addEventListener('pointerdown', (e) => {
  if ((e.target as Element).closest?.('g.lineage-node') || e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, z: zoom() };
  userZoomed = true;
  canvas.setPointerCapture(e.pointerId);
  canvas.classList.add('dragging');
});
canvas.addEventListener('pointermove', (e) => {
  if (!drag) return;
  setZoom({ ...drag.z, x: drag.z.x + e.clientX - drag.x, y: drag.z.y + e.clientY - drag.y });
});
const endDrag = () => {
  drag = undefined;
  canvas.classList.remove('dragging');
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);
window.addEventListener('keydown', (e) => {
  if (e.target instanceof HTMLInputElement) return;
  if (e.key === '+' || e.key === '=') zoomBy(1.25);
  else if (e.key === '-') zoomBy(0.8);
  else if (e.key === '0' || e.key === 'f') fit(true);
});
window.addEventListener('resize', () => {
  if (!userZoomed) fit();
});

// ---- export -------------------------------------------------------------------------------------

async function exportAs(format: 'svg' | 'png' | 'dot'): Promise<void> {
  if (current?.kind !== 'graph') {
    showMessage('Nothing is drawn: there is nothing to export.');
    return;
  }
  try {
    const png = format === 'png' ? await toPng(current.svg) : undefined;
    const answer = await request('export', { format, png });
    if (answer.saved) statusLine.textContent = `Saved ${answer.saved}`;
  } catch (error) {
    showMessage(`Export failed: ${(error as Error).message}`);
  }
}

/** The drawing as the server sent it (light colours, readable anywhere), rasterised at twice its size. */
async function toPng(text: string): Promise<string> {
  const clean = sanitizeSvg(text).svg;
  const box = clean.viewBox.baseVal;
  const width = Math.ceil((box?.width || 800) * 2);
  const height = Math.ceil((box?.height || 600) * 2);
  clean.setAttribute('width', String(width));
  clean.setAttribute('height', String(height));
  clean.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const xml = new XMLSerializer().serializeToString(clean);
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the browser could not read the drawing'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  });
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0, width, height);
  return c.toDataURL('image/png');
}

// ---- start --------------------------------------------------------------------------------------

syncControls();
void request('ready', {}).then((answer) => {
  if (answer.show) {
    if (answer.show.focus !== undefined) state.focus = answer.show.focus;
    if (answer.show.uri !== undefined) {
      state.documentUri = answer.show.uri;
      if (answer.show.focus === undefined) state.focus = undefined;
    }
  } else if (state.follow && answer.activeUri && state.focus === undefined) {
    state.documentUri = answer.activeUri;
  }
  void draw();
});
