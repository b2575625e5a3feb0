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

const CORPUS_DIR = join(__dirname, '.corpus');
const SOURCE = /\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface CorpusFile {
  fileName: string;
  text: string;
}

export function ensureCorpus(): string {
  const marker = join(CORPUS_DIR, 'installed.json');
  const wanted = JSON.stringify(CORPUS_PACKAGES);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return CORPUS_DIR;
  mkdirSync(CORPUS_DIR, { recursive: true });
  writeFileSync(join(CORPUS_DIR, 'package.json'), JSON.stringify({ name: 'goodput-bench-corpus', private: true }));
  console.error(`installing the corpus (${CORPUS_PACKAGES.length} packages) into ${CORPUS_DIR}…`);
  execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...CORPUS_PACKAGES], {
    cwd: CORPUS_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(marker, wanted);
  return CORPUS_DIR;
}

/** Every source file of the installed packages (and their dependencies), minus declarations and bundles. */
export function loadCorpus(): CorpusFile[] {
  const root = join(ensureCorpus(), 'node_modules');
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
