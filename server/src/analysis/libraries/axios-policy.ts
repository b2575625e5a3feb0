import { ts } from '../../typescript';
import { axiosClientOf, type AxiosClient, type AxiosRequestCall } from './axios';
import { readDuration, formatMs, type Duration } from './durations';
import { optionProperty } from './object-properties';
import type { ValueResolver } from './values';
import type { WorkspaceIndex } from '../workspace-index';

// The effective timeout of an axios request, the way axios computes it: the call's config over
// the instance's config over `defaults` (instance, then the library-wide `axios.defaults`, which
// `axios.create` merges in), over axios' own default of 0 = no timeout.

export type TimeoutSource = 'call' | 'instance' | 'instance-defaults' | 'axios-defaults' | 'library-default';

export type EffectiveTimeout =
  | { kind: 'set'; duration: Duration; source: TimeoutSource; node: ts.Node; fileName: string }
  | { kind: 'none'; source: 'library-default' }
  /** Something we cannot see decides it (a config from a parameter, a spread of unknown options). */
  | { kind: 'unknown'; source: TimeoutSource };

export interface AxiosContext {
  values: ValueResolver;
  workspace: WorkspaceIndex;
}

export function axiosCallTimeout(call: ts.CallExpression, request: AxiosRequestCall, context: AxiosContext): EffectiveTimeout {
  if (request.configIndex === -1) return { kind: 'unknown', source: 'call' };
  const lookup = optionProperty(call.arguments[request.configIndex], 'timeout', context.values);
  if (lookup.kind === 'found') return set(lookup.value, 'call', context);
  if (lookup.kind === 'unknown') return { kind: 'unknown', source: 'call' };
  return clientTimeout(request.client, context);
}

/** The instance's timeout, per instance and analysis: a module's requests all go through the same few. */
const INSTANCE_TIMEOUT = Symbol('axios instance timeout');

export function clientTimeout(client: AxiosClient, context: AxiosContext): EffectiveTimeout {
  if (client.kind === 'instance')
    return context.values.memo(INSTANCE_TIMEOUT, client.creation, () => computeClientTimeout(client, context));
  return computeClientTimeout(client, context);
}

function computeClientTimeout(client: AxiosClient, context: AxiosContext): EffectiveTimeout {
  if (client.kind === 'instance') {
    const lookup = optionProperty(client.creation.arguments[0], 'timeout', context.values);
    if (lookup.kind === 'found') return set(lookup.value, 'instance', context);
    if (lookup.kind === 'unknown') return { kind: 'unknown', source: 'instance' };
    const instanceDefault = defaultsTimeout(context, 'instance-defaults',
      (target) => target.kind === 'instance' && sameNode(target.creation, client.creation));
    if (instanceDefault) return instanceDefault;
  }
  const libraryDefault = defaultsTimeout(context, 'axios-defaults', (target) => target.kind === 'default');
  if (libraryDefault) return libraryDefault;
  return { kind: 'none', source: 'library-default' };
}

type SetTimeout = Extract<EffectiveTimeout, { kind: 'set' }>;

function defaultsTimeout(
  context: AxiosContext,
  source: TimeoutSource,
  matches: (client: AxiosClient) => boolean,
): SetTimeout | undefined {
  // The last assignment in workspace order wins; order across modules is a best guess.
  let found: SetTimeout | undefined;
  for (const assignment of context.workspace.defaultsAssignments()) {
    if (assignment.property !== 'timeout') continue;
    const client = axiosClientOf(assignment.target);
    if (client && matches(client)) found = set(assignment.value, source, context, assignment.fileName);
  }
  return found;
}

function set(value: ts.Expression, source: TimeoutSource, context: AxiosContext, fileName?: string): SetTimeout {
  return {
    kind: 'set',
    duration: readDuration(value, context.values),
    source,
    node: value,
    fileName: fileName ?? value.getSourceFile().fileName,
  };
}

/** "axios instance `api` (src/http/client.ts:12)" or "axios (default instance)". */
export function describeClient(client: AxiosClient, workspace: WorkspaceIndex): string {
  if (client.kind === 'default') return 'axios (default instance)';
  return `axios instance \`${instanceName(client.creation)}\` (${locationOf(client.creation, workspace)})`;
}

export function instanceName(creation: ts.CallExpression): string {
  const parent = creation.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText();
  if (ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
  return 'instance';
}

export function locationOf(node: ts.Node, workspace: WorkspaceIndex): string {
  const sourceFile = node.getSourceFile();
  const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
  return `${workspace.displayPath(sourceFile.fileName)}:${line}`;
}

/** The hover text for a timeout: "timeout 5 s (set on the instance)". */
export function describeTimeout(timeout: EffectiveTimeout, workspace: WorkspaceIndex): string {
  switch (timeout.kind) {
    case 'none':
      return 'no timeout (axios default: 0 = none)';
    case 'unknown':
      return 'timeout decided by options this analysis cannot see';
    case 'set': {
      const where = timeout.source === 'call' ? 'on the call'
        : timeout.source === 'instance' ? 'on the instance'
        : `by ${defaultsOwner(timeout.node)} (${locationOf(timeout.node, workspace)})`;
      const value = timeout.duration.kind === 'ms' ? `timeout ${formatMs(timeout.duration.ms)}`
        : timeout.duration.kind === 'disabled' ? `timeout disabled (${timeout.duration.text})`
        : `timeout ${timeout.duration.text}`;
      return `${value}, set ${where}`;
    }
  }
}

export function isMissing(timeout: EffectiveTimeout): boolean {
  return timeout.kind === 'none' || (timeout.kind === 'set' && timeout.duration.kind === 'disabled');
}

function defaultsOwner(value: ts.Node): string {
  const parent = value.parent;
  return ts.isBinaryExpression(parent) ? parent.left.getText() : 'defaults';
}

/** Node identity across re-parses of a file: same file, same position. */
function sameNode(a: ts.Node, b: ts.Node): boolean {
  return a.pos === b.pos && a.end === b.end && a.getSourceFile().fileName === b.getSourceFile().fileName;
}
