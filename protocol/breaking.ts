// The breaking-change messages between the language server and a client (the VS Code extension's
// "Compare with Base" diff view): types and message signatures only, so the client imports no
// server code. The client runs no git: the base text comes from the server.
import { RequestType } from 'vscode-jsonrpc';

/** The URI scheme of a base version: `pactline-base:/<path>?folder=<folder uri>&ref=<REF>&commit=<sha>`. */
export const BASE_SCHEME = 'pactline-base';

export interface BaseOfParams {
  textDocument: { uri: string };
}

/** The base version of the contract in a document (matched by `id`, so a moved file is found). */
export type BaseOfResult = { uri: string; label: string; path: string; commit: string } | { error: string };

export interface BaseContentParams {
  /** A `pactline-base:` URI. */
  uri: string;
}

export type BaseContentResult = { text: string } | { error: string };

export const BaseOfRequest = new RequestType<BaseOfParams, BaseOfResult, void>('pactline/breaking/baseOf');
export const BaseContentRequest = new RequestType<BaseContentParams, BaseContentResult, void>(
  'pactline/breaking/baseContent',
);

/** The client command a code lens runs: opens the diff of the document (argument: its URI) against the base. */
export const COMPARE_WITH_BASE_COMMAND = 'pactline.compareWithBase';
