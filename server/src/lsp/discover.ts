import { isSourceFile, SOURCE_EXTENSIONS } from '../cli/discover-files';
import type { ExclusionCheck } from '../cli/excluded-files';
import { walkFiles } from '../cli/walk-files';

// The workspace files the server indexes. Unlike the CLI, the server does not run git: in an
// untrusted workspace, a repository's own git config (core.fsmonitor) could run a command. The
// walk applies the .gitignore files itself.

const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`;

export async function discoverWorkspaceFiles(
  root: string,
  excluded: ExclusionCheck,
  warn?: (message: string) => void,
): Promise<string[]> {
  const files = await walkFiles(root, [SOURCE_GLOB], root, warn);
  return files.filter((file) => isSourceFile(file) && !excluded(file));
}
