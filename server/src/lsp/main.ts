// dist/server.js: the language server on its own (what the VS Code extension starts over IPC).
// The transport comes from the command line: --node-ipc, --stdio, --socket=PORT or --pipe=NAME.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
