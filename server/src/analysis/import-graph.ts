import { onCommentLine } from './comment-lines';

// The workspace's import graph, read from the texts alone (no parsing): each file's package
// imports and its resolved workspace imports. It answers "does this file, or a workspace module
// it imports transitively, import a package matching P?" — the cheap per-file check most rules
// make before they ask for a tree.
//
// Reachability is computed per strongly connected component (modules that import each other
// reach the same packages) and kept until some file's import list actually changes: a keystroke
// that leaves the imports alone keeps every answer.

export interface FileImports {
  /** Bare specifiers (`axios`, `http` — `node:` stripped), in source order. */
  readonly packages: readonly string[];
  /** Resolved workspace files this file imports. */
  readonly targets: readonly string[];
  /** Whether a relative specifier did not resolve (a file added later might make it resolve). */
  readonly unresolved: boolean;
}

export interface ImportGraphHost {
  /** The text of a workspace file, loading it if the host can; undefined when there is none. */
  textOf(fileName: string): string | undefined;
  /** A relative specifier resolved to a workspace file that exists, or undefined. */
  resolve(fromFile: string, specifier: string): string | undefined;
}

/** The packages reachable from one strongly connected component, and the answers given so far. */
interface Reach {
  packages: readonly string[];
  answers: Map<RegExp, boolean>;
}

export class ImportGraph {
  private readonly imports = new Map<string, { text: string; imports: FileImports }>();
  /** Files whose text changed since their imports were scanned. */
  private readonly pending = new Set<string>();
  private reach = new Map<string, Reach>();
  /** Increases whenever `reach` is dropped. */
  private epoch = 0;

  constructor(private readonly host: ImportGraphHost) {}

  /** `fileName`'s text changed (or it appeared, or disappeared). */
  changed(fileName: string, appeared: boolean): void {
    if (this.imports.has(fileName)) this.pending.add(fileName);
    // A new or removed file can change how relative imports elsewhere resolve.
    if (appeared) this.forgetUnresolved();
  }

  /** A file disappeared: files that imported it now resolve differently. Starts over (removals are rare). */
  removed(): void {
    this.imports.clear();
    this.pending.clear();
    this.dropReach();
  }

  /** Whether `fileName` or a workspace module it imports transitively imports a package matching `pattern`. */
  reachesPackage(fileName: string, pattern: RegExp): boolean {
    this.refreshPending();
    const reach = this.closure(fileName);
    let answer = reach.answers.get(pattern);
    if (answer === undefined) reach.answers.set(pattern, (answer = reach.packages.some((name) => pattern.test(name))));
    return answer;
  }

  /** Whether `fileName` itself imports a package matching `pattern`. */
  importsPackageDirectly(fileName: string, pattern: RegExp): boolean {
    return this.importsOf(fileName)?.packages.some((name) => pattern.test(name)) ?? false;
  }

  importsOf(fileName: string): FileImports | undefined {
    const text = this.host.textOf(fileName);
    if (text === undefined) return undefined;
    const cached = this.imports.get(fileName);
    if (cached && cached.text === text) return cached.imports;
    const imports = this.scan(fileName, text);
    this.imports.set(fileName, { text, imports });
    return imports;
  }

  private scan(fileName: string, text: string): FileImports {
    const packages: string[] = [];
    const targets: string[] = [];
    let unresolved = false;
    for (const specifier of moduleSpecifiers(text)) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = this.host.resolve(fileName, specifier);
        if (target) targets.push(target);
        else unresolved = true;
      } else {
        packages.push(specifier.startsWith('node:') ? specifier.slice(5) : specifier);
      }
    }
    return { packages, targets, unresolved };
  }

  private dropReach(): void {
    this.reach = new Map();
    this.epoch++;
  }

  /** Re-scans edited files; reachability is dropped only if some import list really changed. */
  private refreshPending(): void {
    if (this.pending.size === 0) return;
    let changed = false;
    for (const fileName of this.pending) {
      const before = this.imports.get(fileName)?.imports;
      this.imports.delete(fileName);
      const after = this.importsOf(fileName);
      if (!before || !after || !sameImports(before, after)) changed = true;
    }
    this.pending.clear();
    if (changed) this.dropReach();
  }

  private forgetUnresolved(): void {
    let dropped = false;
    for (const [fileName, entry] of this.imports) {
      if (!entry.imports.unresolved) continue;
      this.imports.delete(fileName);
      this.pending.delete(fileName);
      dropped = true;
    }
    if (dropped) this.dropReach();
  }

  /**
   * The reach of `start`. Scanning may read files the workspace did not know yet, and a file
   * appearing can make earlier answers stale: then the walk starts over (it ends, as each restart
   * is caused by one more file being loaded).
   */
  private closure(start: string): Reach {
    for (;;) {
      const known = this.reach.get(start);
      if (known) return known;
      const epoch = this.epoch;
      const found = this.components(start);
      if (epoch !== this.epoch) continue;
      for (const [file, reach] of found) this.reach.set(file, reach);
      return found.get(start)!;
    }
  }

  /**
   * The reach of every component reachable from `start` and not known yet, with Tarjan's
   * algorithm (iterative: import chains can be thousands of modules deep).
   */
  private components(start: string): Map<string, Reach> {
    const found = new Map<string, Reach>();
    const reachOf = (file: string): Reach | undefined => found.get(file) ?? this.reach.get(file);
    let counter = 0;
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const frames: Array<{ file: string; targets: readonly string[]; next: number }> = [];
    const enter = (file: string): void => {
      order.set(file, counter);
      low.set(file, counter++);
      stack.push(file);
      onStack.add(file);
      frames.push({ file, targets: this.importsOf(file)?.targets ?? [], next: 0 });
    };
    const finishComponent = (root: string): void => {
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== root);
      const packages = new Set<string>();
      for (const file of members) {
        const imports = this.importsOf(file);
        if (!imports) continue;
        for (const name of imports.packages) packages.add(name);
        for (const target of imports.targets) for (const name of reachOf(target)?.packages ?? []) packages.add(name);
      }
      const reach: Reach = { packages: [...packages], answers: new Map() };
      for (const file of members) found.set(file, reach);
    };
    enter(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.targets.length) {
        const target = frame.targets[frame.next++]!;
        if (reachOf(target)) continue;
        if (!order.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.file, Math.min(low.get(frame.file)!, order.get(target)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) === order.get(frame.file)) finishComponent(frame.file);
    }
    return found;
  }
}

function sameImports(a: FileImports, b: FileImports): boolean {
  return a.unresolved === b.unresolved && sameList(a.packages, b.packages) && sameList(a.targets, b.targets);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

// What follows each keyword, up to the quoted specifier: `from 'x'`, `require('x')`,
// `import('x')`, `import 'x'`. Sticky, so that each is tried only where its keyword was found.
const AFTER_FROM = /\s*['"]([^'"\s]+)['"]/y;
const AFTER_REQUIRE = /\s*\(\s*['"]([^'"\s]+)['"]/y;
const AFTER_IMPORT = /\s*(?:\(\s*)?['"]([^'"\s]+)['"]/y;

const KEYWORDS: ReadonlyArray<[string, RegExp]> = [
  ['from', AFTER_FROM],
  ['require', AFTER_REQUIRE],
  ['import', AFTER_IMPORT],
];

/**
 * Module specifiers of imports, exports-from, requires and dynamic imports, in source order. A
 * text scan (keywords found with `indexOf`, the specifier matched where one was found): several
 * times faster than one regular expression over the whole text, and no tree is needed.
 */
export function moduleSpecifiers(text: string): string[] {
  const found: Array<[number, string]> = [];
  for (const [keyword, after] of KEYWORDS) {
    for (let at = text.indexOf(keyword); at !== -1; at = text.indexOf(keyword, at + keyword.length)) {
      if (at > 0 && isIdentifierPart(text.charCodeAt(at - 1))) continue;
      after.lastIndex = at + keyword.length;
      const match = after.exec(text);
      if (match && !onCommentLine(text, at)) found.push([at, match[1]!]);
    }
  }
  if (found.length > 1) found.sort((a, b) => a[0] - b[0]);
  return found.map(([, specifier]) => specifier);
}

function isIdentifierPart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 36 || // $
    code === 46 // `.`: `x.from('y')`, `obj.require('y')` are calls, not imports
  );
}
