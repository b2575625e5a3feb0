import { ts } from '../../typescript';
import { findBinding, isInside } from '../scope';
import { isPureCall } from './builtin-calls';
import { MYSQL2_MODULES, isMysql2CreatePool } from './mysql2-pool';
import { isPgPoolConstructor } from './pg-pool';
import { isModuleMember } from './pool-options';
import { skipOuterExpressions, type Value, type ValueResolver } from './values';

// Work that runs on one database connection. A fan-out whose every call goes through a
// transaction's handle (knex `trx`, a TypeORM transaction manager or QueryRunner, Prisma's
// interactive `tx`, drizzle, kysely, Mikro-ORM, objection, Sequelize `{ transaction: t }`), a pg
// client (`new Client`, or checked out with `pool.connect()`) or a mysql2 connection
// (`createConnection`, a pool's `getConnection()`) starts its calls at once in JavaScript, but
// the connection runs them one after another: the pool is not drained and the database sees one
// query at a time. What it costs is latency (one round trip per item), not overload, so
// no-unbounded-concurrency describes it instead of reporting it. Every judgement here errs
// towards "elsewhere", which keeps the finding.

/** Methods that run a callback inside a transaction and hand it the transaction's handle. */
const TRANSACTION_METHODS = new Set(['transaction', '$transaction', 'transactional']);
/** What code names a transaction or a single connection it was handed, by long convention. */
const HANDLE_NAMES = new Set(['trx', 'queryRunner']);
/** Members that lead from a handle back to what owns it: the DataSource, the pool, the driver. */
const OWNER_MEMBERS = new Set(['connection', 'client', 'dataSource', 'pool', 'driver']);
/** Methods of arrays, Maps and Sets: called directly on data in memory, they start no work. */
const MEMORY_METHODS = new Set([
  'at', 'concat', 'entries', 'every', 'filter', 'find', 'findIndex', 'flat', 'flatMap', 'forEach',
  'get', 'has', 'includes', 'indexOf', 'join', 'keys', 'map', 'push', 'reduce', 'slice', 'some',
  'sort', 'values',
]);
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);
/** A call on data already in memory: rows a query on the connection returned, a local Map. */
const IN_MEMORY = 'in memory';

/**
 * Why every call `mapper` makes runs on one connection (`the transaction \`trx\``), or undefined
 * when some call may not: then the fan-out is judged as usual.
 */
export function singleConnectionOf(mapper: ts.Expression, values: ValueResolver): string | undefined {
  const fn = skipOuterExpressions(mapper);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const found = connectionOfBody(fn.body, { within: fn, values, handed: new Map(), depth: 0 });
  return found === IN_MEMORY ? undefined : found;
}

/** Where a connection-or-not judgement is made: inside the mapper, or a helper it hands the handle to. */
interface Scope {
  /** Handles bound in here are per item (the mapper's parameter, a checkout per call): not one connection. */
  within: ts.Node;
  values: ValueResolver;
  /** A helper's parameters that receive the caller's handle, with its description. */
  handed: ReadonlyMap<ts.ParameterDeclaration, string>;
  depth: number;
}

/** The handle every call in `body` runs on, IN_MEMORY when it makes no call that starts work, undefined when some call may run elsewhere. */
function connectionOfBody(body: ts.Node, scope: Scope): string | undefined {
  let handle: string | undefined;
  let elsewhere = false;
  const visit = (node: ts.Node): void => {
    if (elsewhere) return;
    let found: string | undefined = IN_MEMORY;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && !isPureCall(node)) found = connectionOfCall(node, scope);
    // ``sql`…` ``, ``prisma.$executeRaw`…` ``: a query, on whatever its tag is bound to.
    else if (ts.isTaggedTemplateExpression(node)) found = onHandle(node.tag, scope);
    if (found === undefined) elsewhere = true;
    else if (found !== IN_MEMORY) handle ??= found;
    ts.forEachChild(node, visit);
  };
  visit(body);
  return elsewhere ? undefined : (handle ?? IN_MEMORY);
}

/**
 * The handle a call runs on (its receiver chain starts at one, or it names the transaction in its
 * options), IN_MEMORY for a collection method of data in memory, or undefined when it may start
 * work elsewhere.
 */
function connectionOfCall(call: ts.CallExpression | ts.NewExpression, scope: Scope, depth = 0): string | undefined {
  const onRoot = onHandle(call.expression, scope);
  if (onRoot) return onRoot;
  const callee = skipOuterExpressions(call.expression);
  if (
    ts.isPropertyAccessExpression(callee) &&
    MEMORY_METHODS.has(callee.name.text) &&
    ts.isIdentifier(callee.expression) &&
    depth < 3 &&
    holdsData(callee.expression, scope, depth)
  ) {
    return IN_MEMORY;
  }
  for (const argument of call.arguments ?? []) {
    const node = skipOuterExpressions(argument);
    if (!ts.isObjectLiteralExpression(node)) continue;
    // Sequelize: `Model.update(values, { where, transaction: t })`.
    for (const property of node.properties) {
      const value = ts.isShorthandPropertyAssignment(property)
        ? property.name
        : ts.isPropertyAssignment(property) && ts.isIdentifier(property.name)
          ? skipOuterExpressions(property.initializer)
          : undefined;
      const named = (property.name as ts.Identifier | undefined)?.text === 'transaction';
      const inTransaction = named && value && ts.isIdentifier(value) ? handleDescription(value, scope) : undefined;
      if (inTransaction) return inTransaction;
    }
  }
  return call.arguments ? helperConnection(call.arguments, call.expression, scope) : undefined;
}

/**
 * `insertRow(trx, row)`: a function of the workspace handed the handle runs on it when every call
 * in its body does (followed two helpers deep). A helper whose body cannot be seen may do more
 * than query, so it is work elsewhere.
 */
function helperConnection(args: ts.NodeArray<ts.Expression>, calleeNode: ts.Expression, scope: Scope): string | undefined {
  if (scope.depth >= 2) return undefined;
  const index = args.findIndex((argument) => {
    const node = skipOuterExpressions(argument);
    return ts.isIdentifier(node) && handleDescription(node, scope) !== undefined;
  });
  if (index === -1) return undefined;
  const callee = scope.values.resolve(calleeNode);
  if (callee.kind !== 'function' || callee.path.length > 0) return undefined;
  const helper = callee.node;
  const body = (helper as ts.FunctionLikeDeclaration).body;
  const parameter = helper.parameters[index];
  if (!body || !parameter || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) return undefined;
  const description = handleDescription(skipOuterExpressions(args[index]!) as ts.Identifier, scope)!;
  const inner: Scope = {
    within: helper,
    values: scope.values,
    handed: new Map([...scope.handed, [parameter, description]]),
    depth: scope.depth + 1,
  };
  const found = connectionOfBody(body, inner);
  return found === undefined ? undefined : description;
}

/** The handle `expression`'s receiver chain starts at: `trx('t').where(…)`, `queryRunner.manager.findBy`. */
function onHandle(expression: ts.Expression, scope: Scope): string | undefined {
  let current = skipOuterExpressions(expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      // `queryRunner.connection.getRepository(…)` is the DataSource again: the pool.
      if (OWNER_MEMBERS.has(current.name.text)) return undefined;
      current = current.expression;
    } else if (ts.isElementAccessExpression(current) || ts.isCallExpression(current) || ts.isAwaitExpression(current)) {
      current = current.expression;
    } else if (ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else {
      return ts.isIdentifier(current) ? handleDescription(current, scope) : undefined;
    }
  }
}

/**
 * Whether `identifier` is a local collection (`new Map(…)`, `[]`) or what a call on the
 * connection returned (`const users = await queryRunner.manager.findBy(…)`): its collection
 * methods (`users.some(…)`, `byId.get(…)`) work on memory. A record's own methods
 * (`user.update()`) are not collection methods, and may use another connection.
 */
function holdsData(identifier: ts.Identifier, scope: Scope, depth: number): boolean {
  const binding = findBinding(identifier.text, identifier);
  if (binding?.kind !== 'variable' || !binding.declaration.initializer) return false;
  const initializer = awaitedInitializer(binding.declaration.initializer);
  if (ts.isArrayLiteralExpression(initializer)) return true;
  if (ts.isNewExpression(initializer)) {
    const maker = initializer.expression;
    return ts.isIdentifier(maker) && COLLECTIONS.has(maker.text) && !findBinding(maker.text, initializer);
  }
  return ts.isCallExpression(initializer) && connectionOfCall(initializer, scope, depth + 1) !== undefined;
}

/** How `identifier` is a single-connection handle bound outside the mapper, or undefined. */
function handleDescription(identifier: ts.Identifier, scope: Scope): string | undefined {
  const binding = findBinding(identifier.text, identifier);
  if (binding?.kind !== 'parameter' && binding?.kind !== 'variable') return undefined;
  const handed = binding.kind === 'parameter' ? scope.handed.get(binding.declaration) : undefined;
  if (handed) return handed;
  // The mapper's own parameter is the item, whatever it is called; a checkout inside it is one per item.
  if (isInside(binding.declaration, scope.within)) return undefined;
  const values = scope.values;
  const name = `\`${identifier.text}\``;
  if (binding.kind === 'parameter') {
    if (isTransactionCallback(binding.declaration.parent)) return `the transaction ${name}`;
    // `function save(rows, trx = db)` usually runs on the pool: a default disproves the name.
    const named = HANDLE_NAMES.has(identifier.text) && !binding.declaration.initializer;
    return named ? `the transaction or connection ${name} it was handed` : undefined;
  }
  // A `let` may be reassigned to something else before the fan-out.
  const declaration = binding.declaration;
  if (!(declaration.parent.flags & ts.NodeFlags.Const) || !declaration.initializer || !ts.isIdentifier(declaration.name)) {
    return undefined;
  }
  const initializer = awaitedInitializer(declaration.initializer);
  // A connection of its own: pg's `new Client(…)`, mysql2's `createConnection(…)`.
  if (ts.isNewExpression(initializer) && isModuleMember(values.resolve(initializer.expression), ['pg'], ['Client'])) {
    return `the pg client ${name}`;
  }
  if (!ts.isCallExpression(initializer)) return undefined;
  if (isModuleMember(values.resolve(initializer.expression), MYSQL2_MODULES, ['createConnection'])) {
    return `the connection ${name}`;
  }
  if (!ts.isPropertyAccessExpression(initializer.expression)) return undefined;
  const method = initializer.expression.name.text;
  const receiver = initializer.expression.expression;
  if (method === 'createQueryRunner') return `the QueryRunner ${name}`;
  // `await knex.transaction()`, `await sequelize.transaction({ isolationLevel })`: the handle
  // itself. With a callback (or an array, Prisma's batch) the result is the callback's value.
  const optionsOnly = initializer.arguments.every((argument) => ts.isObjectLiteralExpression(skipOuterExpressions(argument)));
  if (TRANSACTION_METHODS.has(method) && optionsOnly) return `the transaction ${name}`;
  if (method === 'connect' && isPgPool(values.resolve(receiver))) return `the pg client ${name} checked out of the pool`;
  if (method === 'getConnection' && isMysql2Pool(values.resolve(receiver))) return `the connection ${name} checked out of the pool`;
  return undefined;
}

/** What a variable is set to, through one `await`: `await pool.connect()` → `pool.connect()`. */
function awaitedInitializer(initializer: ts.Expression): ts.Expression {
  const node = skipOuterExpressions(initializer);
  return ts.isAwaitExpression(node) ? skipOuterExpressions(node.expression) : node;
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

/** A mysql2 pool: `createPool(…)`, or the `.promise()` of one. */
function isMysql2Pool(value: Value): boolean {
  if (value.kind !== 'call') return false;
  if (value.path.length === 0 && isMysql2CreatePool(value.callee)) return true;
  return value.callee.kind === 'call' && value.callee.path.join('.') === 'promise' && isMysql2CreatePool(value.callee.callee);
}
