import type { LibraryContext } from './timeout-policy';

// Files that run as a command, not on a request path: a script a person, a cron job or a health
// probe starts, which ends when its work is done. A call there that hangs holds one process, not a
// server's sockets and workers under load, so the rules about calls without a deadline leave it
// out (a script's fan-out or retries can still hurt a shared dependency; those rules apply). Signs:
//  - the file starts with a shebang (`#!/usr/bin/env node`);
//  - it lies in a `bin/` or `scripts/` directory of its package (the nearest package.json, or the
//    workspace root), the conventional homes of commands and maintenance scripts.
// A server's entry point in `bin/` (Express's `bin/www`) is still checked by the server rules.

const COMMAND_DIRECTORIES = new Set(['bin', 'scripts']);

export function runsAsCommand(context: LibraryContext & { text: string }): boolean {
  if (context.text.startsWith('#!')) return true;
  const scope = context.workspace.packageOf(context.fileName);
  const relative = scope
    ? context.fileName.slice(scope.dir.length).replace(/^\/+/, '')
    : context.workspace.displayPath(context.fileName);
  const directories = relative.split('/').slice(0, -1);
  return directories.some((directory) => COMMAND_DIRECTORIES.has(directory));
}
