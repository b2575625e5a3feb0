import { spawn } from 'node:child_process';
import { runGit } from './git-files';
import { UsageError } from './io';

// What changed since a ref, as git sees it: the lines of each file that differ between the
// merge base of <ref> and HEAD and the working tree (committed, staged and unstaged edits), plus
// untracked files. Comparing with the merge base, not <ref> itself, keeps changes that landed on
// the target branch after this branch forked out of a pull request's review.
// Only plumbing-safe options: no external diff drivers or textconv filters (a repository's own
// config could name a command), no renames (a moved file is a new file), no colour, no quoting.

export type FileChange =
  | { kind: 'added' }
  | {
      kind: 'modified';
      /** New-side line numbers (1-based) that were added or changed. */
      lines: Set<number>;
      /** Lines were removed between line n and n + 1 (n = 0: before the first line). */
      deletedAfter: number[];
    };

export interface ChangeSet {
  /** The commit compared against. */
  base: string;
  /** Changed files that exist now, by path relative to the git root. */
  files: Map<string, FileChange>;
  /** Files that existed at the base and are gone now, relative to the git root. */
  deleted: string[];
}

/** The merge base of `ref` and HEAD (or `ref` itself when they share no history). */
export async function resolveBase(topLevel: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new UsageError(`--changed-since expects a git ref, got '${ref}'`);
  const verified = await runGit(topLevel, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!verified.ok) {
    throw new UsageError(`unknown git ref '${ref}' (in CI, fetch it first: git fetch origin ${ref})`, false);
  }
  const commit = verified.stdout.trim();
  const mergeBase = await runGit(topLevel, ['merge-base', commit, 'HEAD']);
  return mergeBase.ok && mergeBase.stdout.trim() ? mergeBase.stdout.trim() : commit;
}

export async function changesSince(topLevel: string, base: string): Promise<ChangeSet> {
  const diff = await runGit(topLevel, [
    '-c',
    'core.quotePath=false',
    'diff',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    '--unified=0',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    base,
    '--',
  ]);
  if (!diff.ok) throw new Error(`git diff failed in ${topLevel}: ${diff.message}`);
  const changes = parseUnifiedDiff(diff.stdout);
  const untracked = await runGit(topLevel, ['ls-files', '-z', '--others', '--exclude-standard']);
  if (untracked.ok) {
    for (const path of untracked.stdout.split('\0'))
      if (path && !path.endsWith('/')) changes.files.set(path, { kind: 'added' });
  }
  return { base, ...changes };
}

/** `git diff --unified=0` output → changed new-side lines per file. Exported for tests. */
export function parseUnifiedDiff(output: string): Omit<ChangeSet, 'base'> {
  const files = new Map<string, FileChange>();
  const deleted: string[] = [];
  let oldPath: string | undefined;
  let current: FileChange | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith('diff --git ')) {
      oldPath = undefined;
      current = undefined;
    } else if (line.startsWith('--- ')) {
      oldPath = line === '--- /dev/null' ? undefined : stripPrefix(line.slice(4), 'a/');
    } else if (line.startsWith('+++ ')) {
      if (line === '+++ /dev/null') {
        if (oldPath !== undefined) deleted.push(oldPath);
        current = undefined;
        continue;
      }
      current = oldPath === undefined ? { kind: 'added' } : { kind: 'modified', lines: new Set(), deletedAfter: [] };
      files.set(stripPrefix(line.slice(4), 'b/'), current);
    } else if (line.startsWith('Binary files ') && line.includes(' and b/')) {
      // No hunks for binary files: treat the whole file as changed (not a source file anyway).
      const path = line.slice(line.indexOf(' and b/') + 7).replace(/ differ$/, '');
      files.set(path, { kind: 'added' });
    } else if (line.startsWith('@@ ') && current?.kind === 'modified') {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      if (count === 0) current.deletedAfter.push(start);
      for (let offset = 0; offset < count; offset++) current.lines.add(start + offset);
    }
  }
  return { files, deleted };
}

/** git quotes a path with unusual characters ("a/t\303\251st.ts") even with core.quotePath=false. */
function stripPrefix(raw: string, prefix: string): string {
  const path = raw.startsWith('"') ? unquoteC(raw) : raw.replace(/\t$/, '');
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

function unquoteC(quoted: string): string {
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  const body = quoted.slice(1, quoted.lastIndexOf('"'));
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The texts of `paths` (relative to the git root) at commit `base`, read in one `git cat-file
 * --batch` process however many there are. Paths missing at the base are absent from the map.
 */
export function readAtCommit(topLevel: string, base: string, paths: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const wanted = paths.filter((path) => !path.includes('\n'));
  if (wanted.length === 0) return Promise.resolve(texts);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: topLevel, windowsHide: true });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed in ${topLevel} (exit ${code})`));
      const output = Buffer.concat(chunks);
      let offset = 0;
      for (const path of wanted) {
        const headerEnd = output.indexOf(10, offset);
        if (headerEnd === -1) break;
        const header = output.subarray(offset, headerEnd).toString('utf8');
        offset = headerEnd + 1;
        const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
        if (!match) continue; // "<object> missing": not in that commit
        const size = Number(match[1]);
        texts.set(path, output.subarray(offset, offset + size).toString('utf8'));
        offset += size + 1;
      }
      resolve(texts);
    });
    child.stdin.end(wanted.map((path) => `${base}:${path}\n`).join(''));
  });
}
