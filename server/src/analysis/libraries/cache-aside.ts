import { ts } from '../../typescript';
import { livesForOneCall } from './cache-lifetime';
import { constInitializer, findBinding, isInside } from '../scope';
import type { CacheOperation } from './cache-clients';
import { skipOuterExpressions } from './values';

// Cache-aside, recognised through data flow rather than names: a read of key K, a condition on
// what the read returned, an `await` after the read, and a write of the same K whose value is
// what that `await` produced. Names (`cached`, `getOrSet`) play no part.

export type CacheRead = Extract<CacheOperation, { kind: 'read' }>;
export type CacheWrite = Extract<CacheOperation, { kind: 'write' }>;

export interface CacheAside {
  fn: ts.SignatureDeclaration;
  read: CacheRead;
  write: CacheWrite;
  /** The awaited expression on the miss path whose result is written. */
  source: ts.AwaitExpression;
}

const MAX_DEPTH = 6;

/** Cache-aside sequences in one function, given the cache operations found directly in it. */
export function findCacheAside(fn: ts.SignatureDeclaration, operations: readonly CacheOperation[]): CacheAside[] {
  const reads = operations.filter((op): op is CacheRead => op.kind === 'read');
  const found: CacheAside[] = [];
  for (const write of operations) {
    if (write.kind !== 'write') continue;
    // A cache created by each call (`const seen = new Map()` in the function, or in a factory
    // around it that each request calls) is private to that call: see cache-lifetime.ts.
    if (write.client.creation && livesForOneCall(write.client.creation, fn)) continue;
    const read = reads.find(
      (candidate) =>
        candidate.client.receiverText === write.client.receiverText &&
        candidate.call.end <= write.call.pos &&
        sameEntry(candidate, write) &&
        gatesWrite(fn, candidate, write),
    );
    if (!read) continue;
    const source = awaitFeeding(write.value, fn, read.call.end, write.call.pos, write.client.receiverText);
    if (source) found.push({ fn, read, write, source });
  }
  return found;
}

/** Whether two operations address the same entry: the same key, and for hashes the same field. */
export function sameEntry(a: { key: ts.Expression; field?: ts.Expression }, b: typeof a): boolean {
  if ((a.field === undefined) !== (b.field === undefined)) return false;
  return sameKey(a.key, b.key) && (a.field === undefined || sameKey(a.field, b.field!));
}

/** Whether two key expressions denote the same key: same structure after inlining `const` bindings. */
export function sameKey(a: ts.Expression, b: ts.Expression): boolean {
  return canonicalKey(a, 0) === canonicalKey(b, 0);
}

function canonicalKey(node: ts.Node, depth: number): string {
  if (ts.isIdentifier(node)) {
    const initializer = constInitializer(node);
    return initializer && depth < MAX_DEPTH
      ? canonicalKey(skipOuterExpressions(initializer), depth + 1)
      : `#${node.text}`;
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
    return canonicalKey(node.expression, depth);
  const parts: string[] = [];
  ts.forEachChild(node, (child) => void parts.push(canonicalKey(child, depth)));
  return parts.length === 0 ? node.getText() : `${node.kind}(${parts.join(',')})`;
}

/** The readable form of a key: `key` where `const key = \`user:${id}\`` shows the template. */
export function keyDisplay(key: ts.Expression): string {
  const expression = skipOuterExpressions(key);
  const initializer = ts.isIdentifier(expression) ? constInitializer(expression) : undefined;
  const shown = initializer && ts.isTemplateExpression(skipOuterExpressions(initializer)) ? initializer : expression;
  const text = shown.getText().replace(/\s+/g, ' ');
  return ts.isNoSubstitutionTemplateLiteral(shown) || ts.isStringLiteral(shown) || ts.isTemplateExpression(shown)
    ? text.slice(1, -1)
    : text;
}

/** The variable a read's result lands in (`const cached = await c.get(k)`, `cached = c.get(k)`). */
export function readTarget(read: CacheRead): ts.Identifier | undefined {
  let node: ts.Node = read.call;
  while (
    ts.isAwaitExpression(node.parent) ||
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent)
  )
    node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name))
    return parent.name;
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === node &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(parent.left)
  ) {
    return parent.left;
  }
  return undefined;
}

/**
 * The write depends on the read's outcome: a condition that tests the read (or its variable)
 * either encloses the write or ends the function early before it (`if (cached) return …`).
 */
function gatesWrite(fn: ts.SignatureDeclaration, read: CacheRead, write: CacheWrite): boolean {
  const target = readTarget(read);
  const testsRead = (condition: ts.Expression): boolean =>
    (condition.pos <= read.call.pos && read.call.end <= condition.end) ||
    (target !== undefined && mentions(condition, target));
  for (let node: ts.Node = write.call; node !== fn; node = node.parent) {
    const parent = node.parent;
    if (ts.isIfStatement(parent) && node !== parent.expression && testsRead(parent.expression)) return true;
    if (ts.isConditionalExpression(parent) && node !== parent.condition && testsRead(parent.condition)) return true;
    if (
      ts.isBinaryExpression(parent) &&
      parent.right === node &&
      isShortCircuit(parent.operatorToken.kind) &&
      testsRead(parent.left)
    )
      return true;
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      for (const statement of parent.statements) {
        if (statement.end > node.pos) break;
        if (ts.isIfStatement(statement) && testsRead(statement.expression) && exits(statement.thenStatement))
          return true;
      }
    }
  }
  return false;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandToken
  );
}

/** A statement that always leaves the function (return/throw, or a block ending in one). */
export function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements.at(-1);
    return last !== undefined && exits(last);
  }
  return false;
}

function mentions(node: ts.Node, identifier: ts.Identifier): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(child) && child.text === identifier.text) found = true;
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/**
 * The `await` between the read and the write (in this function, not a nested one) that the
 * written value is computed from: followed through local variables, destructuring and
 * reassignments. Awaits of the same cache client are not a source.
 */
export function awaitFeeding(
  value: ts.Expression,
  fn: ts.SignatureDeclaration,
  after: number,
  before: number,
  receiverText: string,
): ts.AwaitExpression | undefined {
  const seen = new Set<ts.Node>();
  const inWindow = (node: ts.Node) => node.pos >= after && node.end <= before;
  const search = (node: ts.Node, depth: number): ts.AwaitExpression | undefined => {
    if (depth > MAX_DEPTH || seen.has(node)) return undefined;
    seen.add(node);
    // The earliest await in the chain names the source: `await (await fetch(u)).json()` → `fetch`.
    if (ts.isAwaitExpression(node) && inWindow(node) && !awaitsClient(node, receiverText))
      return search(node.expression, depth) ?? node;
    if (ts.isFunctionLike(node)) return undefined;
    if (ts.isIdentifier(node)) return searchVariable(node, depth);
    let found: ts.AwaitExpression | undefined;
    ts.forEachChild(node, (child) => {
      found ??= search(child, depth);
    });
    return found;
  };
  const searchVariable = (identifier: ts.Identifier, depth: number): ts.AwaitExpression | undefined => {
    const binding = findBinding(identifier.text, identifier);
    if (binding?.kind !== 'variable' || !isInside(binding.declaration, fn)) return undefined;
    const initializer = binding.declaration.initializer;
    const fromInitializer = initializer ? search(initializer, depth + 1) : undefined;
    if (fromInitializer) return fromInitializer;
    for (const assignment of assignmentsTo(identifier.text, fn)) {
      if (assignment.pos >= before) continue;
      const found = search(assignment.right, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return search(value, 0);
}

function awaitsClient(node: ts.AwaitExpression, receiverText: string): boolean {
  const operand = skipOuterExpressions(node.expression);
  return (
    ts.isCallExpression(operand) &&
    ts.isPropertyAccessExpression(operand.expression) &&
    operand.expression.expression.getText().replace(/\s+/g, '') === receiverText
  );
}

/** `name = …` assignments directly in `fn` (not in nested functions). */
function assignmentsTo(name: string, fn: ts.SignatureDeclaration): ts.BinaryExpression[] {
  const found: ts.BinaryExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (node !== fn && ts.isFunctionLike(node)) return;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(node.left) &&
      node.left.text === name
    ) {
      found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return found;
}

/** What the miss path waits for, for messages: `db.user.findUnique`, or the awaited text. */
export function describeSource(source: ts.AwaitExpression): string {
  const operand = skipOuterExpressions(source.expression);
  const shown = ts.isCallExpression(operand) ? operand.expression : operand;
  const text = shown.getText().replace(/\s+/g, '');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

