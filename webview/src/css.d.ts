// esbuild bundles the page's stylesheet into dist/webview/lineage.css.
declare module '*.css';
