import { ts } from '../../typescript';

// Small control-flow questions about a retry's failure path (the catch clause and what follows
// it): does it always leave, does something stop it (a cap, a deadline, a shutdown flag), or does
// it go round for as long as the error lasts?

/** Nodes under `root` that match, without entering nested functions. */
export function collectNodes(root: ts.Node, matches: (node: ts.Node) => boolean): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (matches(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/**
 * Whether a try block can only fail synchronously: nothing in it (outside nested functions) awaits
 * or yields. Its catch then sees what the block's own code throws — a parser, a CPU-bound decoder,
 * a validation — never a remote dependency's failure, since Node has no synchronous network calls:
 * a promise the block starts but does not await rejects past the catch. Re-running such code on a
 * timer (a barcode scanner retrying on the next video frame) puts no load on any server.
 */
export function failsOnlySynchronously(tryStatement: ts.TryStatement): boolean {
  const suspends = (node: ts.Node) =>
    ts.isAwaitExpression(node) || ts.isYieldExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined);
  return collectNodes(tryStatement.tryBlock, suspends).length === 0;
}

/** A statement that leaves the loop or the function. */
export function isExit(node: ts.Node): boolean {
  return ts.isThrowStatement(node) || ts.isReturnStatement(node) || ts.isBreakStatement(node);
}

/** A block whose own statements include a throw/return/break: it never goes round again. */
export function exitsUnconditionally(block: ts.Block): boolean {
  return block.statements.some(isExit);
}

/**
 * Whether a wait on the failure path runs after every failure: no `if`, conditional, switch,
 * short-circuit, nested loop or try decides it, and no exit before it depends on the attempt
 * counters (`if (attempt === max - 1) break`). An exit that classifies the error
 * (`if (!retryable(error)) throw error`) leaves the retryable failures waiting, the last one too.
 */
export function waitsOnEveryFailure(wait: ts.Node, failurePath: readonly ts.Node[], counterNames: ReadonlySet<string>): boolean {
  for (let node = wait; !failurePath.includes(node); node = node.parent) {
    const parent = node.parent;
    if (!parent || decidesWhetherChildRuns(parent)) return false;
  }
  const waitStart = wait.getStart();
  const exitsBefore = failurePath.flatMap((part) =>
    collectNodes(part, (node) => (isExit(node) || ts.isContinueStatement(node)) && node.end <= waitStart),
  );
  return exitsBefore.every((exit) => !exitDependsOn(exit, counterNames));
}

function decidesWhetherChildRuns(node: ts.Node): boolean {
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken
    );
  }
  return (
    ts.isIfStatement(node) ||
    ts.isConditionalExpression(node) ||
    ts.isSwitchStatement(node) ||
    ts.isCaseBlock(node) ||
    ts.isTryStatement(node) ||
    ts.isIterationStatement(node, false) ||
    ts.isFunctionLike(node)
  );
}

/** Whether an exit is reached only under a condition that reads one of the attempt counters. */
function exitDependsOn(exit: ts.Node, counterNames: ReadonlySet<string>): boolean {
  for (let node = exit.parent; node; node = node.parent) {
    if (ts.isIfStatement(node) && referencesAny(node.expression, counterNames)) return true;
    if (ts.isCatchClause(node) || ts.isIterationStatement(node, false)) return false;
  }
  return false;
}

/** Conditions that bound a retry by time or cancellation rather than by count. */
export function isDeadlineCondition(condition: ts.Node): boolean {
  return /\b(Date\.now|performance\.now|deadline|elapsed|aborted|signal|expires?|timeout|Timeout)\b/.test(
    condition.getText(),
  );
}

/**
 * What stops the failure path from going round forever: `cap` for a conditional exit that does not
 * merely classify the error (an attempt limit, a `closed` flag), `deadline` for one that reads the
 * clock or a signal, undefined when only the error's kind can end it (`if (!retryable(err)) throw`).
 */
export function failurePathStops(
  failurePath: readonly ts.Node[],
  catchClause: ts.CatchClause,
): 'cap' | 'deadline' | undefined {
  const errorName =
    catchClause.variableDeclaration && ts.isIdentifier(catchClause.variableDeclaration.name)
      ? catchClause.variableDeclaration.name.text
      : undefined;
  let result: 'cap' | 'deadline' | undefined;
  for (const part of failurePath) {
    for (const node of collectNodes(part, ts.isIfStatement) as ts.IfStatement[]) {
      const exits =
        collectNodes(node.thenStatement, isExit).length > 0 ||
        (node.elseStatement !== undefined && collectNodes(node.elseStatement, isExit).length > 0);
      if (!exits) continue;
      if (isDeadlineCondition(node.expression)) return 'deadline';
      if (!classifiesOnly(node.expression, errorName)) result = 'cap';
    }
    for (const node of collectNodes(part, ts.isConditionalExpression) as ts.ConditionalExpression[]) {
      if (isDeadlineCondition(node.condition)) return 'deadline';
    }
  }
  return result;
}

/** Whether a condition reads nothing but the caught error (`err.code === 'X'`, `isTransient(err)`). */
function classifiesOnly(condition: ts.Expression, errorName: string | undefined): boolean {
  if (!errorName) return false;
  let readsError = false;
  let readsOther = false;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isMemberName = ts.isPropertyAccessExpression(parent) && parent.name === node;
      const isCallee = ts.isCallExpression(parent) && parent.expression === node;
      if (node.text === errorName) readsError = true;
      else if (!isMemberName && !isCallee && node.text !== 'undefined') readsOther = true;
      return;
    }
    if (ts.isPropertyAccessExpression(node)) {
      visit(node.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return readsError && !readsOther;
}

/** Whether `node` mentions any of `names` as an identifier. */
export function referencesAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  if (ts.isIdentifier(node)) return names.has(node.text);
  return ts.forEachChild(node, (child) => referencesAny(child, names) || undefined) ?? false;
}
