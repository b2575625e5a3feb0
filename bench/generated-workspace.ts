import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A large synthetic backend for scale measurements: services, repositories and HTTP clients
// that import each other, with a realistic mix of clean and risky outbound calls. Deterministic:
// the same count always yields the same files.

export interface GeneratedWorkspace {
  root: string;
  files: string[];
  /** A 2,000-line module for keystroke measurements. */
  bigFile: string;
}

export function generateWorkspace(root: string, fileCount: number): GeneratedWorkspace {
  rmSync(root, { recursive: true, force: true });
  const files: string[] = [];
  const write = (relative: string, text: string): void => {
    const path = join(root, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    files.push(path);
  };
  write('package.json', JSON.stringify({ name: 'generated-backend', private: true, dependencies: { axios: '^1.7.0' } }));
  files.pop();
  write('src/http/client.ts', `import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api.internal', timeout: 5000 });\n`);
  for (let index = 0; files.length < fileCount - 1; index++) {
    const domain = `domain${Math.floor(index / 50)}`;
    write(`src/${domain}/service${index}.ts`, serviceModule(index));
  }
  const bigFile = join(root, 'src/big-module.ts');
  write('src/big-module.ts', bigModule(2000));
  return { root, files, bigFile };
}

function serviceModule(index: number): string {
  const previous = index > 0 ? `import { load${index - 1} } from '../domain${Math.floor((index - 1) / 50)}/service${index - 1}';\n` : '';
  const risky = index % 10 === 0;
  return `import { api } from '../http/client';
${previous}
export interface Record${index} {
  id: string;
  name: string;
  updatedAt: number;
}

const cache${index} = new Map<string, Record${index}>();

export async function load${index}(id: string): Promise<Record${index}> {
  const cached = cache${index}.get(id);
  if (cached) return cached;
  const { data } = await api.get<Record${index}>(\`/records/${index}/\${id}\`);
  cache${index}.set(id, data);
  return data;
}

export async function refresh${index}(ids: string[]): Promise<number> {
  let changed = 0;
  for (const id of ids.slice(0, 20)) {
    const response = await fetch(\`https://records.internal/${index}/\${id}\`${risky ? '' : ', { signal: AbortSignal.timeout(2000) }'});
    if (response.ok) changed++;
  }
  return changed;
}

export function describe${index}(record: Record${index}): string {
  return \`\${record.name} (\${record.id}) updated \${new Date(record.updatedAt).toISOString()}\`;
}
`;
}

function bigModule(lines: number): string {
  const out = [`import { api } from './http/client';`, ''];
  for (let index = 0; out.length < lines - 1; index++) {
    out.push(
      `export async function handler${index}(id: string): Promise<unknown> {`,
      `  const started = Date.now();`,
      `  const { data } = await api.get(\`/items/\${id}/${index}\`);`,
      index % 25 === 0 ? `  await fetch('https://audit.internal/${index}');` : `  void started;`,
      `  return { data, tookMs: Date.now() - started };`,
      `}`,
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
