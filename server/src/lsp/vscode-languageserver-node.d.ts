// tsconfig.json resolves modules the node10 way, which ignores package.json `exports`;
// vscode-languageserver 10 publishes `./node` only there (esbuild resolves `exports` itself).
// The protocol and jsonrpc packages are declared the same way in client/src/types.
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
