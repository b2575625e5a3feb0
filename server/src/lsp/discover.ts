// Lists a workspace folder's source files for indexing. Temporary until the shared discovery lands.
export async function discoverWorkspaceFiles(_root: string, _ignore: readonly string[]): Promise<string[]> {
  return [];
}
