import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The benchmark corpus: the shipped sources of popular backend packages, pinned, installed
// into bench/.corpus by npm on first use. Real code nobody here wrote.

export const CORPUS_PACKAGES = [
  'axios@1.21.1',
  'axios-retry@4.5.0',
  'pg@8.23.1',
  'mysql2@3.24.6',
  'mongodb@7.9.0',
  'ioredis@5.11.1',
  'bullmq@6.7.0',
  'undici@6.24.1',
  'kafkajs@2.2.4',
  'amqplib@2.3.1',
  'knex@3.3.0',
  'cockatiel@4.0.0',
  'opossum@10.0.0',
  'lru-cache@11.5.3',
  'cache-manager@7.2.9',
  'p-retry@6.2.1',
  'generic-pool@3.9.0',
  '@smithy/node-http-handler@4.14.2',
];

const CORPUS_ROOT = join(__dirname, '.corpus');
const SOURCE = /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface CorpusFile {
  fileName: string;
  text: string;
}

/**
 * Installs `packages` (pinned `name@version`) into bench/.corpus/<name> unless already there.
 * Scripts are not run: the corpus is only read, never executed.
 */
export function ensureCorpus(name = 'main', packages: readonly string[] = CORPUS_PACKAGES): string {
  const dir = join(CORPUS_ROOT, name);
  const marker = join(dir, 'installed.json');
  const wanted = JSON.stringify(packages);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `goodput-corpus-${name}`, private: true }));
  console.error(`installing the ${name} corpus (${packages.length} packages) into ${dir}…`);
  execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...packages], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(marker, wanted);
  return dir;
}

/** Every source file of the installed packages (and their dependencies), minus declarations and bundles. */
export function loadCorpus(name = 'main', packages: readonly string[] = CORPUS_PACKAGES): CorpusFile[] {
  const root = join(ensureCorpus(name, packages), 'node_modules');
  const files: CorpusFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (SOURCE.test(name) && !/\.d\.[cm]?ts$/.test(name) && !name.endsWith('.min.js') && stat.size <= MAX_FILE_BYTES) {
        files.push({ fileName: path.replace(/\\/g, '/'), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  return files;
}
