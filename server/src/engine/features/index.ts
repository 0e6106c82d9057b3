// The editor features of the language service, one module each. Pure functions over the service's
// parsed documents and workspace index, returning LSP types; paths, not URIs (a Location's `uri`
// is the document path as the service knows it: the LSP adapter maps paths and URIs).
export { completion } from './completion';
export { hover } from './hover';
export { documentSymbols, workspaceSymbols } from './symbols';
export { definition, references } from './navigation';
export { prepareRename, rename } from './rename';
export { codeActions } from './codeActions';
export { foldingRanges } from './folding';
export { selectionRanges } from './selection';
export { documentLinks } from './links';
export { formatDocument } from './format';
export { codeLenses, type LensAction, type PactlineLens } from './codeLens';

/**
 * Characters after which an editor should ask for completions: after `key:` and `key: ` (values),
 * after `- ` (list items) and after `alias.` in column mappings.
 */
export const COMPLETION_TRIGGER_CHARACTERS = [':', ' ', '.'];
