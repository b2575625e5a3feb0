import { ts } from '../../typescript';
import type { Fix, FixKind, TextEdit } from '../types';
import type { ValueResolver } from '../libraries/values';
import type { HandRolledRetry } from '../libraries/retry-loops';
import type { OptionEdit } from '../libraries/library-retry';
import type { RetrySite } from '../libraries/retry-sites';
import { classifyDelayFunction } from '../libraries/delay-expressions';
import {
  addArgument,
  addObjectProperty,
  ensureModuleConstant,
  indentationAt,
  mergeInsertions,
  moduleHeaderInsertionPoint,
} from './text-edits';
import { formatNumberLiteral } from './timeout-fixes';
import { propertyNameText } from '../libraries/object-properties';
import { constInitializer, isInside } from '../scope';

// Quick fixes for retries. Hand-rolled waits become capped exponential backoff with full jitter
// through one small helper per file (or a jittered helper the file already has); library forms
// get the library's own jittered option. Caps on unbounded retries are suggestions only: how
// long to keep trying is a product decision.

export const BACKOFF_HELPER = 'backoffWithJitterMs';
const BASE_CONSTANT = 'RETRY_BASE_DELAY_MS';
const CAP_CONSTANT = 'RETRY_MAX_DELAY_MS';
const ATTEMPTS_CONSTANT = 'RETRY_MAX_ATTEMPTS';
const RETRIES_CONSTANT = 'RETRY_MAX_RETRIES';

export interface BackoffSettings {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The helper's name, plus the header insertion that declares it (empty when reused). */
function ensureBackoffHelper(
  at: ts.Node,
  settings: BackoffSettings,
  values: ValueResolver,
): { name: string; edits: TextEdit[] } {
  const sourceFile = at.getSourceFile();
  const existing = existingJitteredHelper(sourceFile, values);
  if (existing) return { name: existing, edits: [] };
  const typed = /\.[cm]?tsx?$/.test(sourceFile.fileName);
  const base = ensureModuleConstant(sourceFile, at, BASE_CONSTANT, formatNumberLiteral(settings.baseDelayMs), [
    'First retry waits up to this long; each further retry doubles the ceiling.',
  ]);
  const cap = ensureModuleConstant(sourceFile, at, CAP_CONSTANT, formatNumberLiteral(settings.maxDelayMs), [
    'Longest wait between two tries.',
  ]);
  const signature = typed ? '(attempt: number): number' : '(attempt)';
  const helper = ensureModuleConstant(
    sourceFile,
    at,
    BACKOFF_HELPER,
    `${signature} =>\n  Math.random() * Math.min(${cap.name}, ${base.name} * 2 ** attempt)`,
    [
      'Capped exponential backoff with full jitter: clients that failed together wait different',
      'times, so their retries do not arrive together (see docs/rules/no-fixed-interval-retry.md).',
    ],
  );
  return { name: helper.name, edits: mergeInsertions([...base.edits, ...cap.edits, ...helper.edits]) };
}

/** The safe fix that makes a retry's waits grow and jitter: the helper, or the library's own option. */
export function jitterFix(site: RetrySite, settings: BackoffSettings, values: ValueResolver): Fix | undefined {
  if (site.kind === 'hand-rolled') return handRolledBackoffFix(site.retry, settings, values);
  const edit = site.retry.jitterFix;
  return edit ? optionFix(edit, site.node, 'safe', { ...settings, maxRetries: 0 }, values) : undefined;
}

/**
 * Replaces a hand-rolled wait with `backoffWithJitterMs(attempt)`. A wait of a `const` declared
 * inside the retry (`const delay = 100 * 2 ** attempt; log(delay); await sleep(delay)`) gets the
 * new value at its declaration, so the constant stays used and whatever else reads it (a log
 * line, a header) states the wait that really happens.
 */
export function handRolledBackoffFix(
  retry: HandRolledRetry,
  settings: BackoffSettings,
  values: ValueResolver,
): Fix | undefined {
  const delay = retry.delayExpression && declaredDelay(retry.delayExpression, retry.node);
  if (!delay || !retry.counterName) return undefined;
  const helper = ensureBackoffHelper(retry.node, settings, values);
  const sourceFile = delay.getSourceFile();
  const replace: TextEdit = {
    start: delay.getStart(sourceFile),
    end: delay.end,
    newText: `${helper.name}(${retry.counterName})`,
  };
  return guarded(retry.node, {
    title: `Wait ${helper.name}(${retry.counterName}): capped exponential backoff with full jitter`,
    kind: 'safe',
    edits: [replace, ...helper.edits],
  });
}

/** The initializer of the local `const` that `delay` names, when the retry declares it; else `delay`. */
function declaredDelay(delay: ts.Expression, retry: ts.Node): ts.Expression {
  const initializer = ts.isIdentifier(delay) ? constInitializer(delay) : undefined;
  return initializer && isInside(initializer, retry) ? initializer : delay;
}

/** Suggestion: stop after RETRY_MAX_ATTEMPTS failures, right after the loop counts one. */
export function handRolledCapFix(retry: HandRolledRetry, maxAttempts: number): Fix | undefined {
  const increment = retry.counterIncrement;
  const errorName = retry.catchClause?.variableDeclaration?.name;
  if (!increment || !retry.counterName || !errorName || !ts.isIdentifier(errorName)) return undefined;
  const sourceFile = increment.getSourceFile();
  const constant = ensureModuleConstant(sourceFile, increment, ATTEMPTS_CONSTANT, String(maxAttempts), [
    'Give up after this many failed tries; past it the caller decides (alert, dead-letter, fail the job).',
  ]);
  const indent = indentationAt(sourceFile, increment.getStart(sourceFile));
  const newline = sourceFile.text.includes('\r\n') ? '\r\n' : '\n';
  return guarded(retry.node, {
    title: `Give up after ${ATTEMPTS_CONSTANT} tries`,
    kind: 'suggestion',
    edits: [
      {
        start: increment.end,
        end: increment.end,
        newText: `${newline}${indent}if (${retry.counterName} >= ${constant.name}) throw ${errorName.text};`,
      },
      ...constant.edits,
    ],
  });
}

/** Renders a library's OptionEdit (`$backoff`, `$Name` and RETRY_MAX_RETRIES resolved). */
export function optionFix(
  edit: OptionEdit,
  reported: ts.Node,
  kind: FixKind,
  settings: BackoffSettings & { maxRetries: number },
  values: ValueResolver,
): Fix | undefined {
  const sourceFile = reported.getSourceFile();
  const edits: TextEdit[] = [];
  const header: TextEdit[] = [];
  const resolveText = (text: string): string | undefined => {
    let result = text;
    if (result.includes('$backoff')) {
      const helper = ensureBackoffHelper(reported, settings, values);
      header.push(...helper.edits);
      result = result.replace('$backoff', helper.name);
    }
    if (result.includes(RETRIES_CONSTANT)) {
      const constant = ensureModuleConstant(sourceFile, reported, RETRIES_CONSTANT, String(settings.maxRetries), [
        'Retries after the first try; past them the caller decides (alert, dead-letter, fail the job).',
      ]);
      header.push(...constant.edits);
      result = result.replace(RETRIES_CONSTANT, constant.name);
    }
    const imported = /\$(\w+)/.exec(result);
    if (imported) {
      const name = importedName(sourceFile, imported[1]!, header);
      if (!name) return undefined;
      result = result.replace(imported[0], name);
    }
    return result;
  };
  const properties: string[] = [];
  for (const [name, raw] of Object.entries(edit.set)) {
    const text = resolveText(raw);
    if (text === undefined) return undefined;
    const existing = edit.options?.properties.find(
      (property) => ts.isPropertyAssignment(property) && property.name && propertyNameText(property.name) === name,
    ) as ts.PropertyAssignment | undefined;
    if (existing)
      edits.push({ start: existing.initializer.getStart(sourceFile), end: existing.initializer.end, newText: text });
    else properties.push(`${name}: ${text}`);
  }
  if (properties.length > 0) {
    if (edit.options) edits.push(addObjectProperty(edit.options, properties.join(', '), sourceFile));
    else if (edit.index >= 0) edits.push(addArgument(edit.call, edit.index, `{ ${properties.join(', ')} }`));
    else return undefined;
  }
  return guarded(reported, { title: edit.title, kind, edits: [...edits, ...mergeInsertions(header)] });
}

/** The local name under which `name` of the module that a named import brings in is usable, adding it if needed. */
function importedName(sourceFile: ts.SourceFile, name: string, header: TextEdit[]): string | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== 'cockatiel') continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings) continue;
    if (ts.isNamespaceImport(bindings)) return `${bindings.name.text}.${name}`;
    const found = bindings.elements.find((element) => (element.propertyName ?? element.name).text === name);
    if (found) return found.name.text;
    const last = bindings.elements[bindings.elements.length - 1];
    if (!last) continue;
    header.push({ start: last.end, end: last.end, newText: `, ${name}` });
    return name;
  }
  return undefined;
}

/** A file's own jittered backoff helper (top level, or imported), reused instead of adding one. */
function existingJitteredHelper(sourceFile: ts.SourceFile, values: ValueResolver): string | undefined {
  for (const statement of sourceFile.statements) {
    const candidates: Array<[string, ts.Expression | ts.FunctionDeclaration]> = [];
    if (ts.isFunctionDeclaration(statement) && statement.name) candidates.push([statement.name.text, statement]);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer)
          candidates.push([declaration.name.text, declaration.initializer]);
      }
    }
    const clause = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (clause && ts.isNamedImports(clause))
      for (const element of clause.elements) candidates.push([element.name.text, element.name]);
    for (const [name, node] of candidates) {
      const fn = ts.isFunctionDeclaration(node) ? node : resolveFunction(node, values);
      if (!fn || fn.parameters.length !== 1) continue;
      const verdict = classifyDelayFunction(fn, values, 0, 0);
      const grows = verdict?.pattern.kind === 'exponential';
      if (grows && (verdict.jitter === 'full' || verdict.jitter === 'partial')) return name;
    }
  }
  return undefined;
}

function resolveFunction(node: ts.Expression, values: ValueResolver): ts.SignatureDeclaration | undefined {
  const value = values.resolve(node);
  return value.kind === 'function' && value.path.length === 0 ? value.node : undefined;
}

/** Drops a fix that would edit outside its node (other than header insertions, which are empty-range). */
function guarded(node: ts.Node, fix: Fix): Fix | undefined {
  const sourceFile = node.getSourceFile();
  const start = node.getStart(sourceFile);
  const firstStatement =
    sourceFile.statements.find((s) => !ts.isImportDeclaration(s))?.getStart(sourceFile) ?? sourceFile.end;
  // Declarations go after the imports, `require`s included (moduleHeaderInsertionPoint).
  const headerEnd = Math.max(firstStatement, moduleHeaderInsertionPoint(sourceFile));
  const ok = fix.edits.every(
    (edit) => (edit.start >= start && edit.end <= node.end) || (edit.start === edit.end && edit.start <= headerEnd),
  );
  return ok ? fix : undefined;
}
