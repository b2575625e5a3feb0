import { ts } from '../../typescript';
import { clientTimeout } from './axios-policy';
import { lookupProperty, optionsObject } from './object-properties';
import { describeDuration, type ClientTimeout, type LibraryContext } from './timeout-policy';
import type { Value } from './values';

// `@Module({ imports: [HttpModule] })`: NestJS's `HttpModule` imported as is, without
// `register(…)`, provides the library-wide axios instance to every injected `HttpService`
// (@nestjs/axios 4 `http.module.js`: `AXIOS_INSTANCE_TOKEN` → `axios`). Its timeout is then
// `axios.defaults.timeout`, 0 = none unless the workspace sets it.

const HTTP_MODULE_PACKAGES = new Set(['@nestjs/axios', '@nestjs/common']);

/** A `Module({ imports: […, HttpModule, …] })` call whose HttpService falls back to the global axios. */
export function nestBareHttpModuleTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (callee.kind !== 'module' || callee.module !== '@nestjs/common' || callee.path.join('.') !== 'Module') return undefined;
  const metadata = optionsObject(call.arguments[0], context.values);
  const imports = metadata.kind === 'object' ? lookupProperty(metadata.node, 'imports', context.values) : undefined;
  if (imports?.kind !== 'found' || !ts.isArrayLiteralExpression(imports.value)) return undefined;
  const bare = imports.value.elements.some((element) => isHttpModule(context.values.resolve(element)));
  if (!bare) return undefined;
  const global = clientTimeout({ kind: 'default' }, context);
  if (global.kind === 'set' && global.duration.kind !== 'disabled')
    return {
      kind: 'bounded',
      summary: `NestJS HttpModule (global axios): timeout ${describeDuration(global.duration)}, set in axios.defaults`,
    };
  if (global.kind === 'unknown') return { kind: 'unknown', summary: 'NestJS HttpModule (global axios): axios.defaults decided elsewhere' };
  return {
    kind: 'missing',
    summary: 'NestJS HttpModule imported without register: the global axios instance, no timeout (axios default: 0 = none)',
    missing: {
      subject: '`HttpModule`, imported without `register`,',
      libraryDefault: 'the global axios instance: axios default 0 = none',
      consequence: 'every request through the injected `HttpService` can hang indefinitely',
      remedy:
        'Import `HttpModule.register({ timeout })` instead (the module then gets an axios instance of its own: ' +
        'move any interceptors set on the global one), or set `axios.defaults.timeout`',
    },
  };
}

function isHttpModule(value: Value): boolean {
  return value.kind === 'module' && HTTP_MODULE_PACKAGES.has(value.module) && value.path.join('.') === 'HttpModule';
}
