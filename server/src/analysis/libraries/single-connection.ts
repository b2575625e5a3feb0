import { ts } from '../../typescript';
import { findBinding, isInside } from '../scope';
import { isPureCall } from './fan-out-sites';
import { MYSQL2_MODULES, isMysql2CreatePool } from './mysql2-pool';
import { isPgPoolConstructor } from './pg-pool';
import { isModuleMember } from './pool-options';
import { skipOuterExpressions, type Value, type ValueResolver } from './values';

// Work that runs on one database connection. A fan-out whose every call goes through a
// transaction's handle (knex `trx`, a TypeORM transaction manager or QueryRunner, Prisma's
// interactive `tx`, drizzle, kysely, Mikro-ORM, objection, Sequelize `{ transaction: t }`), a pg
// client (`new Client`, or checked out with `pool.connect()`) or a mysql2 connection
// (`createConnection`, `getConnection()`) starts its
// calls at once in JavaScript, but the connection runs them one after another: the pool is not
// drained and the database sees one query at a time. What it costs is latency (one round trip
// per item), not overload, so no-unbounded-concurrency describes it instead of reporting it.

/** Methods that run a callback inside a transaction and hand it the transaction's handle. */
const TRANSACTION_METHODS = new Set(['transaction', '$transaction', 'transactional']);
/** What code names a transaction or a single connection it was handed, by long convention. */
const HANDLE_NAMES = new Set(['trx', 'queryRunner']);

/**
 * Why every call `mapper` makes runs on one connection (`the transaction \`trx\``), or undefined
 * when some call may not: then the fan-out is judged as usual.
 */
export function singleConnectionOf(mapper: ts.Expression, values: ValueResolver): string | undefined {
  const fn = skipOuterExpressions(mapper);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let handle: string | undefined;
  let elsewhere = false;
  const visit = (node: ts.Node): void => {
    if (elsewhere) return;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && !isPureCall(node)) {
      const found = connectionOfCall(node, fn, values);
      if (found === undefined) elsewhere = true;
      else if (found !== IN_MEMORY) handle ??= found;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return elsewhere ? undefined : handle;
}

/** A call on data already in memory: rows a query on the connection returned, a local Map. */
const IN_MEMORY = 'in memory';
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);

/**
 * The handle a call runs on (its receiver chain starts at one, or it is handed one), IN_MEMORY
 * for a method of data in memory, or undefined when it may start work elsewhere.
 */
function connectionOfCall(
  call: ts.CallExpression | ts.NewExpression,
  mapper: ts.Node,
  values: ValueResolver,
  depth = 0,
): string | undefined {
  const root = chainRoot(call.expression);
  const onRoot = ts.isIdentifier(root) ? handleDescription(root, mapper, values) : undefined;
  if (onRoot) return onRoot;
  if (ts.isIdentifier(root) && root !== call.expression && depth < 3 && holdsData(root, mapper, values, depth)) return IN_MEMORY;
  for (const argument of call.arguments ?? []) {
    const node = skipOuterExpressions(argument);
    // A helper handed the transaction (`this.load(id, queryRunner)`) runs its queries on it.
    if (ts.isIdentifier(node)) {
      const handed = handleDescription(node, mapper, values);
      if (handed) return handed;
    }
    // Sequelize: `Model.update(values, { where, transaction: t })`.
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
        if (name !== 'transaction') continue;
        const value = ts.isShorthandPropertyAssignment(property)
          ? property.name
          : ts.isPropertyAssignment(property)
            ? skipOuterExpressions(property.initializer)
            : undefined;
        const inTransaction = value && ts.isIdentifier(value) ? handleDescription(value, mapper, values) : undefined;
        if (inTransaction) return inTransaction;
      }
    }
  }
  return undefined;
}

/**
 * Whether `identifier` is a local collection (`new Map(…)`, `[]`) or what a call on the
 * connection returned (`const users = await queryRunner.manager.findBy(…)`): its methods
 * (`users.some(…)`, `byId.get(…)`) work on memory.
 */
function holdsData(identifier: ts.Identifier, mapper: ts.Node, values: ValueResolver, depth: number): boolean {
  const binding = findBinding(identifier.text, identifier);
  if (binding?.kind !== 'variable' || !binding.declaration.initializer) return false;
  let initializer = skipOuterExpressions(binding.declaration.initializer);
  if (ts.isAwaitExpression(initializer)) initializer = skipOuterExpressions(initializer.expression);
  if (ts.isArrayLiteralExpression(initializer)) return true;
  if (ts.isNewExpression(initializer)) {
    return ts.isIdentifier(initializer.expression) && COLLECTIONS.has(initializer.expression.text) && !findBinding(initializer.expression.text, initializer);
  }
  if (!ts.isCallExpression(initializer)) return false;
  const found = connectionOfCall(initializer, mapper, values, depth + 1);
  return found !== undefined;
}

/** `trx('users').where(…).update(…)` → `trx`; `queryRunner.manager.findBy(…)` → `queryRunner`. */
function chainRoot(expression: ts.Expression): ts.Expression {
  let current = skipOuterExpressions(expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = current.expression;
    else if (ts.isCallExpression(current)) current = current.expression;
    else if (ts.isAwaitExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
    else return current;
  }
}

/** How `identifier` is a single-connection handle bound outside the mapper, or undefined. */
function handleDescription(identifier: ts.Identifier, mapper: ts.Node, values: ValueResolver): string | undefined {
  const binding = findBinding(identifier.text, identifier);
  if (binding?.kind !== 'parameter' && binding?.kind !== 'variable') return undefined;
  // The mapper's own parameter is the item, whatever it is called.
  if (isInside(binding.declaration, mapper)) return undefined;
  const name = `\`${identifier.text}\``;
  if (binding.kind === 'parameter') {
    if (isTransactionCallback(binding.declaration.parent)) return `the transaction ${name}`;
    return HANDLE_NAMES.has(identifier.text) ? `the transaction or connection ${name} it was handed` : undefined;
  }
  if (!binding.declaration.initializer || !ts.isIdentifier(binding.declaration.name)) return undefined;
  let initializer = skipOuterExpressions(binding.declaration.initializer);
  if (ts.isAwaitExpression(initializer)) initializer = skipOuterExpressions(initializer.expression);
  // A connection of its own: pg's `new Client(…)`, mysql2's `createConnection(…)`.
  if (ts.isNewExpression(initializer) && isModuleMember(values.resolve(initializer.expression), ['pg'], ['Client'])) {
    return `the pg client ${name}`;
  }
  if (ts.isCallExpression(initializer) && isModuleMember(values.resolve(initializer.expression), MYSQL2_MODULES, ['createConnection'])) {
    return `the connection ${name}`;
  }
  if (!ts.isCallExpression(initializer) || !ts.isPropertyAccessExpression(initializer.expression)) return undefined;
  const { name: methodName, expression: receiverNode } = initializer.expression;
  const method = methodName.text;
  const receiver = () => values.resolve(receiverNode);
  if (method === 'createQueryRunner') return `the QueryRunner ${name}`;
  // `await knex.transaction()` / `await sequelize.transaction()`: no callback, the handle itself.
  if (TRANSACTION_METHODS.has(method) && !initializer.arguments.some(isFunction)) return `the transaction ${name}`;
  if (method === 'connect' && isPgPool(receiver())) return `the pg client ${name} checked out of the pool`;
  if (method === 'getConnection' && isCheckoutReceiver(receiver())) return `the connection ${name} checked out of the pool`;
  return undefined;
}

/** `db.transaction(async (trx) => …)`, `prisma.$transaction(async (tx) => …)`, `db.transaction().execute(async (trx) => …)`. */
function isTransactionCallback(fn: ts.Node): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return false;
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  if (TRANSACTION_METHODS.has(method)) return true;
  // kysely: `db.transaction().execute(cb)`.
  const receiver = skipOuterExpressions(call.expression.expression);
  return (
    method === 'execute' &&
    ts.isCallExpression(receiver) &&
    ts.isPropertyAccessExpression(receiver.expression) &&
    receiver.expression.name.text === 'transaction'
  );
}

function isPgPool(value: Value): boolean {
  return value.kind === 'new' && value.path.length === 0 && isPgPoolConstructor(value.callee);
}

/** A mysql2 pool (`createPool(…)`, `.promise()` of one), or a pool whose origin syntax cannot see. */
function isCheckoutReceiver(value: Value): boolean {
  if (value.kind === 'unknown' || value.kind === 'parameter') return true;
  if (value.kind !== 'call') return false;
  if (value.path.length === 0 && isMysql2CreatePool(value.callee)) return true;
  return value.callee.kind === 'call' && value.callee.path.join('.') === 'promise' && isMysql2CreatePool(value.callee.callee);
}

function isFunction(node: ts.Expression): boolean {
  const inner = skipOuterExpressions(node);
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner);
}
