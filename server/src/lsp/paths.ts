import { fileURLToPath, pathToFileURL } from 'node:url';

// The analysis core speaks absolute forward-slash paths; LSP speaks URIs.

export function pathOfUri(uri: string): string {
  if (!uri.startsWith('file:')) return `/untitled/${encodeURIComponent(uri)}.ts`;
  return fileURLToPath(uri).replace(/\\/g, '/');
}

export function uriOfPath(path: string): string {
  return pathToFileURL(path).toString();
}

export function isInside(fileName: string, root: string): boolean {
  return root === '/' || fileName === root || fileName.startsWith(root.endsWith('/') ? root : `${root}/`);
}
