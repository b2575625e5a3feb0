import { ts } from '../../typescript';
import { lookupProperty, optionsObject } from './object-properties';
import { argumentProperty, type ClientTimeout, type LibraryContext, type OptionsSlot } from './timeout-policy';
import type { Value } from './values';

// @grpc/grpc-js: a call's deadline defaults to Infinity (build/src/client-interceptors.js), so a
// unary or streaming call to a stuck server never ends. Clients come from
// `loadPackageDefinition(…)` (members of its result) or `makeGenericClientConstructor(…)`; a call
// is `client.method(request, [metadata], [options], [callback])` with `options.deadline`.

/** The gRPC packages, the maintained one and its deprecated predecessor. */
export const GRPC_MODULES: readonly string[] = ['@grpc/grpc-js', 'grpc'];
/** Client methods that are not RPCs. */
const NOT_RPC = new Set([
  'close',
  'getChannel',
  'waitForReady',
  'makeUnaryRequest',
  'makeClientStreamRequest',
  'makeServerStreamRequest',
  'makeBidiStreamRequest',
  'on',
  'emit',
  'then',
]);

function isGrpcMember(value: Value, names: string[]): boolean {
  return (
    value.kind === 'module' &&
    GRPC_MODULES.includes(value.module) &&
    value.path.length === 1 &&
    names.includes(value.path[0]!)
  );
}

/** A generated client constructor: `proto.pkg.Service` or `makeGenericClientConstructor(…)`. */
function isClientConstructor(value: Value): boolean {
  if (value.kind !== 'call') return false;
  if (isGrpcMember(value.callee, ['loadPackageDefinition'])) return value.path.length >= 1;
  return (
    value.path.length === 0 && isGrpcMember(value.callee, ['makeGenericClientConstructor', 'makeClientConstructor'])
  );
}

export function grpcCallTimeout(
  callee: Value,
  call: ts.CallExpression,
  context: LibraryContext,
): ClientTimeout | undefined {
  if (callee.kind !== 'new' || callee.path.length !== 1 || NOT_RPC.has(callee.path[0]!)) return undefined;
  if (!isClientConstructor(callee.callee)) return undefined;
  const method = callee.path[0]!;
  // Interceptors passed to the client may set deadlines we cannot see.
  if (argumentProperty(callee.node, 2, 'interceptors', context.values).kind !== 'absent') {
    return { kind: 'unknown', summary: `gRPC ${method}: client interceptors decide the deadline` };
  }
  let slot: OptionsSlot | undefined;
  for (let index = 1; index < call.arguments.length; index++) {
    const argument = call.arguments[index]!;
    const value = context.values.resolve(argument);
    if (value.kind === 'function') {
      slot ??= { kind: 'argument', call, index, before: argument };
      break;
    }
    if (value.kind === 'new' && value.callee.kind === 'module' && GRPC_MODULES.includes(value.callee.module)) continue; // Metadata
    const options = optionsObject(argument, context.values);
    if (options.kind !== 'object')
      return { kind: 'unknown', summary: `gRPC ${method}: call options decided elsewhere` };
    const deadline = lookupProperty(options.node, 'deadline', context.values);
    if (deadline.kind === 'found')
      return { kind: 'bounded', summary: `gRPC ${method}: deadline \`${deadline.value.getText()}\`` };
    if (deadline.kind === 'unknown')
      return { kind: 'unknown', summary: `gRPC ${method}: call options decided elsewhere` };
    slot = ts.isObjectLiteralExpression(argument)
      ? { kind: 'literal', node: argument }
      : { kind: 'reference', node: argument };
  }
  slot ??= { kind: 'argument', call, index: Math.max(call.arguments.length, 1) };
  return {
    kind: 'missing',
    summary: `gRPC ${method}: no deadline (grpc-js default: Infinity)`,
    missing: {
      subject: `gRPC call \`${method}\``,
      libraryDefault: 'grpc-js default deadline: Infinity',
      consequence: 'a stuck server holds the call and the waiting request indefinitely',
      remedy: 'Pass `{ deadline: Date.now() + ms }` as the call options',
      constant: 'deadline',
    },
    fix: {
      kind: 'option',
      addition: {
        slot,
        text: (c) => `deadline: Date.now() + ${c('deadline')}`,
        title: 'Set deadline: Date.now() + {deadline}',
      },
    },
  };
}
