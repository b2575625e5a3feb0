// Injected by esbuild from package.json at bundle time; '0.0.0-dev' when run from sources.
declare const GOODPUT_VERSION: string | undefined;

export const VERSION: string = typeof GOODPUT_VERSION === 'string' ? GOODPUT_VERSION : '0.0.0-dev';
