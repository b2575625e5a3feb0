import { ts } from '../../typescript';
import type { Fix, TextEdit } from '../types';
import type { OptionsSlot, TimeoutConstantKind, TimeoutRemedy } from '../libraries/timeout-policy';
import { addArgument, addObjectProperty, ensureModuleConstant } from './text-edits';

// Quick fixes that give an outbound call a timeout. They insert a named constant (reused if
// the module already has it) rather than a magic number, and say in a comment how to choose it.

export const TIMEOUT_CONSTANT = 'HTTP_TIMEOUT_MS';
const CONSTANT_COMMENT = [
  "Upper bound for one outbound HTTP call. Derive it from the dependency's p99.9 latency",
  "and the caller's own deadline, not a guess (see docs/rules/require-timeout.md).",
];

export function formatNumberLiteral(value: number): string {
  return Number.isInteger(value) && value >= 10_000 ? value.toLocaleString('en-US').replace(/,/g, '_') : String(value);
}

function withConstant(
  at: ts.Node,
  timeoutMs: number,
  build: (name: string) => TextEdit[],
  title: (name: string) => string,
): Fix {
  const constant = ensureModuleConstant(
    at.getSourceFile(),
    at,
    TIMEOUT_CONSTANT,
    formatNumberLiteral(timeoutMs),
    CONSTANT_COMMENT,
  );
  return { title: title(constant.name), kind: 'safe', edits: [...build(constant.name), ...constant.edits] };
}

/** `fetch(url)` / `fetch(url, { … })` / `fetch(url, init)` → a timed signal in the init. */
export function fetchSignalFix(
  call: ts.CallExpression,
  init:
    | { kind: 'absent' }
    | { kind: 'literal'; node: ts.ObjectLiteralExpression }
    | { kind: 'reference'; node: ts.Expression },
  timeoutMs: number,
  /** Where the options go: 1 for fetch itself, the wrapper's parameter for a call of a wrapper. */
  initIndex = 1,
): Fix {
  const sourceFile = call.getSourceFile();
  return withConstant(
    call,
    timeoutMs,
    (name) => {
      const signal = `signal: AbortSignal.timeout(${name})`;
      if (init.kind === 'literal') return [addObjectProperty(init.node, signal, sourceFile)];
      if (init.kind === 'reference') {
        return [
          {
            start: init.node.getStart(sourceFile),
            end: init.node.end,
            newText: `{ ...${init.node.getText(sourceFile)}, ${signal} }`,
          },
        ];
      }
      return [addArgument(call, initIndex, `{ ${signal} }`)];
    },
    (name) => `Add a timeout: signal: AbortSignal.timeout(${name})`,
  );
}

/** `signal: controller.signal` → `signal: AbortSignal.any([controller.signal, AbortSignal.timeout(MS)])`. */
export function combineSignalFix(signalValue: ts.Expression, timeoutMs: number): Fix {
  const sourceFile = signalValue.getSourceFile();
  return withConstant(
    signalValue,
    timeoutMs,
    (name) => [
      {
        start: signalValue.getStart(sourceFile),
        end: signalValue.end,
        newText: `AbortSignal.any([${signalValue.getText(sourceFile)}, AbortSignal.timeout(${name})])`,
      },
    ],
    (name) => `Combine the signal with AbortSignal.timeout(${name})`,
  );
}

/** Adds `timeout: MS` to an axios config: into the literal, or as a new config argument. */
export function axiosTimeoutFix(
  call: ts.CallExpression,
  configIndex: number,
  config: ts.ObjectLiteralExpression | undefined,
  timeoutMs: number,
  where: 'call' | 'instance',
): Fix {
  const sourceFile = call.getSourceFile();
  return withConstant(
    call,
    timeoutMs,
    (name) => [
      config
        ? addObjectProperty(config, `timeout: ${name}`, sourceFile)
        : addArgument(call, configIndex, `{ timeout: ${name} }`),
    ],
    (name) => `Set timeout: ${name} on the ${where === 'instance' ? 'instance' : 'request'}`,
  );
}

/** `timeout: 0` (disabled) → `timeout: MS`. */
export function replaceTimeoutValueFix(value: ts.Expression, timeoutMs: number): Fix {
  const sourceFile = value.getSourceFile();
  return withConstant(
    value,
    timeoutMs,
    (name) => [{ start: value.getStart(sourceFile), end: value.end, newText: name }],
    (name) => `Replace the disabled timeout with ${name}`,
  );
}

// ── Constants for every kind of timeout, and the generic remedy a library module describes ──

const SEE_DOCS = '(see docs/rules/require-timeout.md).';

/** Name and how-to-choose comment of each constant a timeout fix may insert. */
const CONSTANTS: Record<TimeoutConstantKind, { name: string; comment: string[] }> = {
  http: { name: TIMEOUT_CONSTANT, comment: CONSTANT_COMMENT },
  connect: {
    name: 'CONNECT_TIMEOUT_MS',
    comment: [
      'Upper bound for opening a connection. A healthy peer connects in milliseconds; this covers a',
      `slow handshake, not a dead host. Take the p99.9 of connect time, not a guess ${SEE_DOCS}`,
    ],
  },
  statement: {
    name: 'DB_STATEMENT_TIMEOUT_MS',
    comment: [
      'Upper bound for one database statement. Derive it from the p99.9 of the slowest legitimate',
      `query and the caller's own deadline, not a guess ${SEE_DOCS}`,
    ],
  },
  command: {
    name: 'REDIS_COMMAND_TIMEOUT_MS',
    comment: [
      'Upper bound for one Redis command. Commands take well under a millisecond; take the p99.9',
      `under load plus headroom, not a guess ${SEE_DOCS}`,
    ],
  },
  deadline: {
    name: 'GRPC_DEADLINE_MS',
    comment: [
      "Deadline for one gRPC call. Derive it from the service's p99.9 latency and the caller's own",
      `deadline, not a guess ${SEE_DOCS}`,
    ],
  },
  operation: {
    name: 'OPERATION_TIMEOUT_MS',
    comment: [
      "Upper bound for one operation on the dependency (an LDAP bind or search). Derive it from its",
      `p99.9 latency and the caller's own deadline, not a guess ${SEE_DOCS}`,
    ],
  },
  socket: {
    name: 'DB_SOCKET_TIMEOUT_MS',
    comment: [
      'How long a database socket may stay silent. Longer than the slowest legitimate operation',
      `(its p99.9), shorter than the caller's deadline; not a guess ${SEE_DOCS}`,
    ],
  },
};

/** Values of the inserted constants, from the rule's options. */
export type ConstantValues = Record<TimeoutConstantKind, number>;

/** The fix for a remedy a library module described: its text plus the module constants it names. */
export function remedyFix(remedy: TimeoutRemedy, values: ConstantValues): Fix {
  const addition = remedy.addition;
  const at =
    remedy.kind === 'chain'
      ? remedy.addition.after
      : remedy.kind === 'replace'
        ? remedy.addition.value
        : slotNode(remedy.addition.slot);
  const sourceFile = at.getSourceFile();
  const edits: TextEdit[] = [];
  const names = new Map<TimeoutConstantKind, string>();
  const constant = (kind: TimeoutConstantKind): string => {
    const known = names.get(kind);
    if (known) return known;
    const spec = CONSTANTS[kind];
    const inserted = ensureModuleConstant(sourceFile, at, spec.name, formatNumberLiteral(values[kind]), spec.comment);
    edits.push(...inserted.edits);
    names.set(kind, inserted.name);
    return inserted.name;
  };
  const text = addition.text(constant);
  if (remedy.kind === 'chain')
    edits.push({ start: remedy.addition.after.end, end: remedy.addition.after.end, newText: text });
  else if (remedy.kind === 'replace')
    edits.push({ start: remedy.addition.value.getStart(sourceFile), end: remedy.addition.value.end, newText: text });
  else edits.push(slotEdit(remedy.addition.slot, text, sourceFile));
  return {
    title: addition.title.replace(
      /\{(\w+)\}/g,
      (whole, kind: string) => names.get(kind as TimeoutConstantKind) ?? whole,
    ),
    kind: remedy.kind === 'option' && remedy.addition.suggestion ? 'suggestion' : 'safe',
    edits: mergeHeaderEdits(edits),
  };
}

function slotNode(slot: OptionsSlot): ts.Node {
  return slot.kind === 'argument' ? slot.call : slot.node;
}

function slotEdit(slot: OptionsSlot, propertyText: string, sourceFile: ts.SourceFile): TextEdit {
  if (slot.kind === 'literal') return addObjectProperty(slot.node, propertyText, sourceFile);
  if (slot.kind === 'reference') {
    return {
      start: slot.node.getStart(sourceFile),
      end: slot.node.end,
      newText: `{ ...${slot.node.getText(sourceFile)}, ${propertyText} }`,
    };
  }
  if (slot.before) {
    const start = slot.before.getStart(sourceFile);
    return { start, end: start, newText: `{ ${propertyText} }, ` };
  }
  return addArgument(slot.call, slot.index, `{ ${propertyText} }`);
}

/** Two constants inserted at the same point become one edit (fix-all treats equal points as a conflict). */
function mergeHeaderEdits(edits: TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const same = merged.find(
      (other) => other.start === edit.start && other.end === edit.end && edit.start === edit.end,
    );
    if (same && isDeclaration(same.newText) && isDeclaration(edit.newText))
      same.newText = joinDeclarations(same.newText, edit.newText);
    else merged.push({ ...edit });
  }
  return merged;
}

function isDeclaration(text: string): boolean {
  return /(^|\n)const \w+ = /.test(text);
}

/** Both blocks start (after the imports) or end (at the top of the file) with blank lines; keep one set. */
function joinDeclarations(first: string, second: string): string {
  const newline = first.includes('\r\n') ? '\r\n' : '\n';
  if (first.startsWith(newline)) return `${first}${newline}${newline}${second.replace(/^(\r?\n)+/, '')}`;
  return `${first}${second}`;
}
