import { ts } from '../../typescript';
import type { Fix, TextEdit } from '../types';
import type { PoolBounds } from '../libraries/pool-options';
import { writtenLiteral } from '../libraries/object-properties';
import type { FanOutSite } from '../libraries/fan-out-sites';
import { skipOuterExpressions } from '../libraries/values';
import { findBinding, isInside } from '../scope';
import { formatNumberLiteral } from './timeout-fixes';
import {
  addArgument,
  addObjectProperty,
  ensureModuleConstant,
  indentationAt,
  moduleHeaderInsertionPoint,
  mentionsWord,
  mergeInsertions,
} from './text-edits';

// Quick fixes that give a pool, queue or fan-out its bound: the library's own option set to a
// named, documented module constant, or `Promise.all(xs.map(f))` rewritten to a mapper with a
// concurrency limit that keeps Promise.all's order and error semantics.

/** One option a fix sets, through a named constant. */
export interface OptionSetting {
  option: string;
  constant: string;
  value: number;
  comment: readonly string[];
  /** The written value to replace (`queueLimit: 0`); absent options are added. */
  existing?: ts.Expression;
}

/** Sets `settings` on the pool's options: into the literal, as a new options argument, or over a referenced object. */
export function poolOptionsFix(
  bounds: PoolBounds,
  settings: readonly OptionSetting[],
  title: string,
  kind: Fix['kind'] = 'safe',
): Fix | undefined {
  const node = bounds.node;
  const sourceFile = node.getSourceFile();
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const setting of settings) {
    const constant = ensureModuleConstant(
      sourceFile,
      node,
      setting.constant,
      formatNumberLiteral(setting.value),
      setting.comment,
    );
    edits.push(...constant.edits);
    if (setting.existing) {
      if (!isInside(setting.existing, node)) return undefined; // a shared options object is someone else's decision
      edits.push({ start: setting.existing.getStart(sourceFile), end: setting.existing.end, newText: constant.name });
    } else {
      added.push(`${setting.option}: ${constant.name}`);
    }
  }
  if (added.length > 0) {
    const edit = addPropertiesEdit(bounds, added);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return { title, kind, edits: mergeInsertions(edits) };
}

/** Adds one literal option (`enableOfflineQueue: false`) to the options: a switch, not a number to name. */
export function optionPropertyFix(bounds: PoolBounds, property: string, title: string): Fix | undefined {
  const edit = addPropertiesEdit(bounds, [property]);
  return edit && { title, kind: 'suggestion', edits: [edit] };
}

function addPropertiesEdit(bounds: PoolBounds, properties: string[]): TextEdit | undefined {
  const node = bounds.node;
  const sourceFile = node.getSourceFile();
  const argument = node.arguments?.[bounds.optionsIndex];
  if (bounds.options.kind === 'absent') {
    if (argument) return undefined; // e.g. a connection URI in the options position
    return addArgument(node, bounds.optionsIndex, `{ ${properties.join(', ')} }`);
  }
  if (!argument) return undefined;
  const written = skipOuterExpressions(argument);
  const literal = writtenLiteral(argument);
  if (literal) {
    const probe = addObjectProperty(literal, 'PROBE', sourceFile);
    const indent = /\n([ \t]*)PROBE/.exec(probe.newText)?.[1];
    return addObjectProperty(
      literal,
      properties.join(indent === undefined ? ', ' : `,\n${indent}`),
      sourceFile,
    );
  }
  if (ts.isIdentifier(written)) {
    return {
      start: written.getStart(sourceFile),
      end: written.end,
      newText: `{ ...${written.text}, ${properties.join(', ')} }`,
    };
  }
  return undefined;
}

export type BoundedMapStrategy = 'p-map' | 'p-limit' | 'helper';

export const FAN_OUT_CONSTANT = 'FAN_OUT_CONCURRENCY';
const FAN_OUT_COMMENT = [
  'Most calls in flight for one fan-out. Size it from what the dependency serves at once divided by',
  'the callers that fan out together, not from the input size (see docs/rules/no-unbounded-concurrency.md).',
];
export const HELPER_NAME = 'mapWithConcurrency';
const HELPER_COMMENT = [
  'Like Promise.all(items.map(mapper)) with at most `concurrency` calls in flight: results keep the',
  'input order, and the first rejection rejects the whole and stops starting new items.',
];

/**
 * `Promise.all(xs.map(f))` → `pMap(xs, f, { concurrency })`, `limitFunction(f, { concurrency })`
 * (p-limit ≥ 7, any combinator) or a small local helper. Undefined when the site is not written
 * inline or the strategy cannot express the combinator.
 */
export function boundedMapFix(
  site: FanOutSite,
  strategy: BoundedMapStrategy,
  concurrency: number,
  typed: boolean,
): Fix | undefined {
  const mapCall = site.inlineMapCall;
  const mapperNode = site.mapper;
  if (!mapCall || !mapperNode || !ts.isPropertyAccessExpression(mapCall.expression) || mapCall.expression.name.text !== 'map')
    return undefined;
  if (strategy !== 'p-limit' && site.combinator !== 'all') return undefined;
  const call = site.call;
  const sourceFile = call.getSourceFile();
  const edits: TextEdit[] = [];
  const limit = ensureModuleConstant(
    sourceFile,
    call,
    FAN_OUT_CONSTANT,
    formatNumberLiteral(concurrency),
    FAN_OUT_COMMENT,
  );
  const collection = site.collection.getText(sourceFile);
  const mapper = mapperNode.getText(sourceFile);
  let title: string;
  if (strategy === 'p-limit') {
    const imported = ensureImport(
      sourceFile,
      call,
      'limitFunction',
      'p-limit',
      `import { limitFunction } from 'p-limit';`,
    );
    if (!imported) return undefined;
    edits.push(...imported, {
      start: mapperNode.getStart(sourceFile),
      end: mapperNode.end,
      newText: `limitFunction(${mapper}, { concurrency: ${limit.name} })`,
    });
    title = `Limit the fan-out to ${limit.name} calls at a time (p-limit limitFunction)`;
  } else {
    let newText: string;
    if (strategy === 'p-map') {
      const imported = ensureImport(sourceFile, call, 'pMap', 'p-map', `import pMap from 'p-map';`);
      if (!imported) return undefined;
      edits.push(...imported);
      newText = `pMap(${collection}, ${mapper}, { concurrency: ${limit.name} })`;
    } else {
      const helper = ensureModuleConstant(sourceFile, call, HELPER_NAME, helperSource(typed), HELPER_COMMENT);
      edits.push(...helper.edits);
      newText = `${helper.name}(${collection}, ${limit.name}, ${mapper})`;
    }
    edits.push({ start: call.getStart(sourceFile), end: call.end, newText });
    title = `Map with at most ${limit.name} calls in flight (${strategy === 'p-map' ? 'p-map' : 'local helper'})`;
  }
  edits.push(...limit.edits);
  return { title, kind: 'suggestion', edits: mergeInsertions(edits) };
}

/** `async.map(xs, f)` → `async.mapLimit(xs, FAN_OUT_CONCURRENCY, f)`. */
export function asyncLimitFix(site: FanOutSite, concurrency: number): Fix | undefined {
  const callee = site.call.expression;
  if (!site.asyncLimitName || !ts.isPropertyAccessExpression(callee)) return undefined;
  const sourceFile = site.call.getSourceFile();
  const limit = ensureModuleConstant(
    sourceFile,
    site.call,
    FAN_OUT_CONSTANT,
    formatNumberLiteral(concurrency),
    FAN_OUT_COMMENT,
  );
  const first = site.call.arguments[0]!;
  const edits: TextEdit[] = [
    { start: callee.name.getStart(sourceFile), end: callee.name.end, newText: site.asyncLimitName },
    { start: first.end, end: first.end, newText: `, ${limit.name}` },
    ...limit.edits,
  ];
  return {
    title: `Use async.${site.asyncLimitName} with ${limit.name}`,
    kind: 'suggestion',
    edits: mergeInsertions(edits),
  };
}

function helperSource(typed: boolean): string {
  const signature = typed
    ? 'async function <T, R>(items: readonly T[], concurrency: number, mapper: (item: T, index: number) => Promise<R> | R): Promise<R[]>'
    : 'async function (items, concurrency, mapper)';
  const results = typed ? 'const results: R[] = new Array(items.length);' : 'const results = new Array(items.length);';
  const item = typed ? 'items[index] as T' : 'items[index]';
  const worker = typed ? 'async (): Promise<void> =>' : 'async () =>';
  return [
    `${signature} {`,
    `  ${results}`,
    '  let next = 0;',
    '  let failed = false;',
    `  const worker = ${worker} {`,
    '    while (!failed && next < items.length) {',
    '      const index = next++;',
    '      try {',
    `        results[index] = await mapper(${item}, index);`,
    '      } catch (error) {',
    '        failed = true;',
    '        throw error;',
    '      }',
    '    }',
    '  };',
    '  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));',
    '  return results;',
    '}',
  ].join('\n');
}

/** An import of `name` from `module`: reused when present, else inserted after the imports; undefined if the name is taken. */
function ensureImport(
  sourceFile: ts.SourceFile,
  usedAt: ts.Node,
  name: string,
  module: string,
  text: string,
): TextEdit[] | undefined {
  const binding = findBinding(name, usedAt);
  if (binding) {
    const fromModule =
      binding.kind === 'import' &&
      ts.isImportDeclaration(binding.declaration) &&
      (binding.declaration.moduleSpecifier as ts.StringLiteral).text === module;
    return fromModule ? [] : undefined;
  }
  if (mentionsWord(sourceFile, name)) return undefined;
  const position = moduleHeaderInsertionPoint(sourceFile);
  return position === -1
    ? [{ start: 0, end: 0, newText: `${text}\n` }]
    : [{ start: position, end: position, newText: `\n${text}` }];
}

export const QUEUE_LENGTH_CONSTANT = 'MAX_QUEUE_LENGTH';
const QUEUE_LENGTH_COMMENT = [
  'Most items waiting in the work queue; past it, requests are refused at once (503) instead of',
  'queueing work nobody will wait for. Size it from drain rate × acceptable wait (see docs/rules/no-unbounded-queue.md).',
];

/** A guard before `queue.push(item);` refusing work past a named cap with `statusCode: 503` (Express, Fastify, Koa
 * answer with it). Undefined unless the push is a statement of its own: only there a guard fits without moving code. */
export function arrayQueueCapFix(statement: ts.Node, queueText: string, limit: number): Fix | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isBlock(statement.parent)) return undefined;
  const sourceFile = statement.getSourceFile();
  const value = formatNumberLiteral(limit);
  const constant = ensureModuleConstant(sourceFile, statement, QUEUE_LENGTH_CONSTANT, value, QUEUE_LENGTH_COMMENT);
  const start = statement.getStart(sourceFile);
  const newline = sourceFile.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentationAt(sourceFile, start);
  const guard =
    `if (${queueText}.length >= ${constant.name}) {${newline}${indent}  ` +
    `throw Object.assign(new Error('Work queue is full, try again later'), { statusCode: 503 });${newline}${indent}}`;
  return {
    title: `Refuse work past ${constant.name} queued items (503)`,
    kind: 'suggestion',
    edits: [...constant.edits, { start, end: start, newText: `${guard}${newline}${indent}` }],
  };
}
