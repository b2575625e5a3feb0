// Stylesheets imported for their side effect: esbuild writes them to dist/webview/panel.css.
declare module '*.css';
