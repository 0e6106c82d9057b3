// tsconfig.json resolves modules the `node` (node10) way, which ignores package.json `exports`. The
// vscode-languageclient 10 family (and its protocol and jsonrpc packages) publish their typings only
// through `exports`, so without these lines `vscode-languageclient/node` is not found and half of its
// types silently become `any`. Each declaration points the type-checker at the declaration file that
// `exports` names (esbuild resolves `exports` itself). TypeScript ignores an ambient module declaration
// whenever the import resolves normally, so these do nothing under moduleResolution node16/bundler.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
