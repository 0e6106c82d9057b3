// dist/server.js: the language server on its own (what the VS Code extension starts over IPC).
// The transport comes from the command line: --node-ipc, --stdio, --socket=PORT or --pipe=NAME.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { initializeGate } from './lifecycle';
import { startServer } from './server';

const gate = initializeGate();
const connection = createConnection(ProposedFeatures.all, { messageStrategy: gate });
gate.register(connection);
startServer(connection);
