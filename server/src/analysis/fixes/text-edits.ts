import { ts } from '../../typescript';
import type { TextEdit } from '../types';
import { findBinding } from '../scope';

// Small, format-preserving edits that quick fixes are made of. Every edit either stays inside
// the node being fixed or inserts a declaration at the top of the module (after the imports);
// the fix-safety tests check exactly that.

/** Applies non-overlapping edits (offsets into `text`). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** Where module-level declarations go: after the leading run of imports (and directives). */
export function moduleHeaderInsertionPoint(sourceFile: ts.SourceFile): number {
  let position = -1;
  for (const statement of sourceFile.statements) {
    const isImport =
      ts.isImportDeclaration(statement) ||
      ts.isImportEqualsDeclaration(statement) ||
      isRequireStatement(statement) ||
      isPrologueDirective(statement);
    if (!isImport) break;
    position = statement.end;
  }
  return position;
}

export interface ModuleConstant {
  name: string;
  edits: TextEdit[];
}

/**
 * A named module-level constant for a fix to use: reuses a top-level `const NAME` the file
 * already has, otherwise declares one after the imports, with a comment on how to choose it.
 * If `NAME` is taken by something else visible at `usedAt`, a numbered name is used instead.
 */
export function ensureModuleConstant(
  sourceFile: ts.SourceFile,
  usedAt: ts.Node,
  baseName: string,
  valueText: string,
  comment: readonly string[],
): ModuleConstant {
  for (let attempt = 1; attempt < 50; attempt++) {
    const name = attempt === 1 ? baseName : `${baseName}_${attempt}`;
    const binding = findBinding(name, usedAt);
    if (binding) {
      const isTopLevelConst =
        binding.kind === 'variable' &&
        ts.isVariableStatement(binding.declaration.parent.parent) &&
        binding.declaration.parent.parent.parent === sourceFile &&
        (binding.declaration.parent.flags & ts.NodeFlags.Const) !== 0;
      if (isTopLevelConst) return { name, edits: [] };
      continue;
    }
    if (mentionsWord(sourceFile, name)) continue; // avoid shadowing or being shadowed elsewhere
    const newline = sourceFile.text.includes('\r\n') ? '\r\n' : '\n';
    const insertAt = moduleHeaderInsertionPoint(sourceFile);
    const lines = [...comment.map((line) => `// ${line}`), `const ${name} = ${valueText};`];
    const block = lines.join(newline);
    if (insertAt === -1) {
      const position = leadingCommentEnd(sourceFile);
      return { name, edits: [{ start: position, end: position, newText: `${block}${newline}${newline}` }] };
    }
    return { name, edits: [{ start: insertAt, end: insertAt, newText: `${newline}${newline}${block}` }] };
  }
  throw new Error(`no free name for ${baseName}`);
}

/**
 * Insertions at the same point (several declarations a fix adds after the imports), merged in
 * order into one edit: applied separately, their order would depend on how edits are sorted.
 */
export function mergeInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const merged: TextEdit[] = [];
  for (const edit of edits) {
    const same =
      edit.start === edit.end && merged.find((other) => other.start === edit.start && other.end === edit.end);
    if (same) same.newText += edit.newText;
    else merged.push({ ...edit });
  }
  return merged;
}

/** Adds `propertyText` as the last property of an object literal, matching its layout. */
export function addObjectProperty(
  object: ts.ObjectLiteralExpression,
  propertyText: string,
  sourceFile: ts.SourceFile,
): TextEdit {
  const text = sourceFile.text;
  const properties = object.properties;
  const closeBrace = object.end - 1;
  if (properties.length === 0) {
    const inner = text.slice(object.getStart(sourceFile) + 1, closeBrace);
    return {
      start: object.getStart(sourceFile),
      end: object.end,
      newText: inner.includes('\n') ? `{\n${propertyText}\n}` : `{ ${propertyText} }`,
    };
  }
  const last = properties[properties.length - 1]!;
  const multiline =
    text.slice(object.getStart(sourceFile), object.end).includes('\n') &&
    lineOf(sourceFile, last.getStart(sourceFile)) !== lineOf(sourceFile, object.getStart(sourceFile));
  const hasTrailingComma = properties.hasTrailingComma;
  if (multiline) {
    const indent = indentationAt(sourceFile, last.getStart(sourceFile));
    const insertAt = hasTrailingComma ? text.indexOf(',', last.end) + 1 : last.end;
    const newText = `${hasTrailingComma ? '' : ','}\n${indent}${propertyText}${hasTrailingComma ? ',' : ''}`;
    return { start: insertAt, end: insertAt, newText };
  }
  const insertAt = hasTrailingComma ? text.indexOf(',', last.end) + 1 : last.end;
  return { start: insertAt, end: insertAt, newText: hasTrailingComma ? ` ${propertyText},` : `, ${propertyText}` };
}

/** Sets argument `index` of a call, filling skipped positions with `undefined`. */
export function addArgument(call: ts.CallExpression | ts.NewExpression, index: number, argumentText: string): TextEdit {
  const args = call.arguments ?? ts.factory.createNodeArray();
  const sourceFile = call.getSourceFile();
  if (index < args.length) {
    const existing = args[index]!;
    return { start: existing.getStart(sourceFile), end: existing.end, newText: argumentText };
  }
  const fillers = Array.from({ length: index - args.length }, () => 'undefined');
  const parts = [...fillers, argumentText].join(', ');
  if (args.length === 0) {
    const open = call.getSourceFile().text.indexOf('(', call.expression.end);
    if (open === -1) return { start: call.end, end: call.end, newText: `(${parts})` }; // `new Foo` without parentheses
    return { start: open + 1, end: open + 1, newText: parts };
  }
  const last = args[args.length - 1]!;
  if (args.hasTrailingComma) {
    const comma = sourceFile.text.indexOf(',', last.end);
    return { start: comma + 1, end: comma + 1, newText: ` ${parts},` };
  }
  return { start: last.end, end: last.end, newText: `, ${parts}` };
}

export function indentationAt(sourceFile: ts.SourceFile, position: number): string {
  const lineStart = sourceFile.text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(sourceFile.text.slice(lineStart, position))![0];
}

function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line;
}

/**
 * With no imports, declarations go after a shebang and the file's header comments — those that a
 * blank line separates from the code. A doc comment attached to the first statement stays attached.
 */
function leadingCommentEnd(sourceFile: ts.SourceFile): number {
  const text = sourceFile.text;
  let end = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
  const first = sourceFile.statements[0];
  if (!first) return end;
  const ranges = ts.getLeadingCommentRanges(text, first.pos) ?? [];
  const codeStart = first.getStart(sourceFile);
  ranges.forEach((range, index) => {
    const next = ranges[index + 1]?.pos ?? codeStart;
    if (/\n[ \t]*\r?\n/.test(text.slice(range.end, next))) end = next;
  });
  return end;
}

const mentionsOfFile = new WeakMap<ts.SourceFile, Map<string, boolean>>();

/**
 * Whether `name` (word characters only) occurs in the file as a whole word, remembered per tree:
 * fixes are built for every finding and ask about the same few constant names, so a file is
 * searched once per name, not once per finding and name (quadratic on a file with thousands of
 * findings). Collecting all the file's words instead cost a keystroke more than the few searches.
 */
export function mentionsWord(sourceFile: ts.SourceFile, name: string): boolean {
  let mentions = mentionsOfFile.get(sourceFile);
  if (!mentions) mentionsOfFile.set(sourceFile, (mentions = new Map()));
  let found = mentions.get(name);
  if (found === undefined) mentions.set(name, (found = new RegExp(`\\b${name}\\b`).test(sourceFile.text)));
  return found;
}

function isRequireStatement(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.every((declaration) => {
    const init = declaration.initializer;
    return (
      init !== undefined &&
      ts.isCallExpression(init) &&
      ts.isIdentifier(init.expression) &&
      init.expression.text === 'require'
    );
  });
}

function isPrologueDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}
