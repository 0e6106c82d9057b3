// Lineage: one graph of the workspace's data flow (contracts and their datasets, pipelines and
// their jobs, data products, columns), its views, renderings and rules. Shared by the CLI
// (`pactline lineage`) and the editor's lineage panel.
export * from './model';
export { LineageGraph, countByKind, type DocumentLookup, type FocusResolution } from './graph';
export { type Contribution } from './extract';
export {
  lineageView,
  columnTraces,
  tooLargeToLayout,
  summarize,
  describeSummary,
  DEFAULT_DEPTH,
  LAYOUT_LIMIT,
  type LineageView,
  type ViewOptions,
  type ViewSummary,
  type ColumnTrace,
} from './view';
export {
  toDot,
  dotString,
  htmlText,
  hexId,
  labelText,
  FAST_LAYOUT_FROM,
  FONT_SIZE,
  PANEL,
  type DotOptions,
} from './dot';
export { sanitizeSvg } from './svg';
export { renderSvg, loadGraphviz, type RenderOptions, type RenderResult } from './render';
export {
  toLineageJson,
  toMermaid,
  mermaidText,
  toOpenLineage,
  MERMAID_MAX_EDGES,
  MERMAID_MAX_TEXT,
  type LineageJson,
  type LineageJsonNode,
  type LineageJsonEdge,
  type MermaidResult,
  type OpenLineageOptions,
} from './formats';
export { lineageFindings, lineageFindingsFor, lineageGraphFor, type LineageRuleId } from './rules';
export { scanContractId, lineageNeeds, focusContracts, type LineageNeeds } from './scan';
export { cronMaxGap, durationOf, parseDuration, formatDuration } from './time';
