import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, allRules, defaultConfig, type Finding } from '../server/src/analysis';
import { isPackageFile } from '../server/src/analysis/analyzer';
import { loadCorpus, CORPUS_PACKAGES, type CorpusFile } from './corpus';

// Precision of the cache family on real code nobody here wrote. Prints every finding with its
// source line and hover so each can be judged by hand, then the counts per rule.
// `BENCH_CORPUS=cache` runs the cache-heavy set below (memoizers, HTTP caches, cache
// interceptors, session stores) instead of the main corpus.

const CACHE_RULES = new Set(allRules.filter((rule) => rule.meta.family === 'cache').map((rule) => rule.id));

/** Pinned packages whose code reads and writes caches: the look-alikes the rules must not flag, and the real thing. */
export const CACHE_PACKAGES = [
  'p-memoize@7.1.1',
  'lru-memoizer@3.0.0',
  'memoizee@0.4.17',
  'async-cache-dedupe@3.4.0',
  'axios-cache-interceptor@1.12.3',
  'cacheable-request@13.0.19',
  '@apollo/datasource-rest@6.4.1',
  'apollo-server-plugin-response-cache@3.8.2',
  '@nestjs/cache-manager@12.0.0',
  'bentocache@1.6.1',
  'connect-redis@10.0.0',
  'cache-manager-ioredis@2.1.0',
];

/**
 * Applications published to npm (servers whose own code caches database reads): the code the
 * rule is for. `BENCH_CORPUS=apps` reads only their own files, unpacked without dependencies.
 */
export const APPLICATION_PACKAGES = [
  '@directus/api@39.2.1',
  'unleash-server@8.2.0',
  'parse-server@9.10.0',
  '@vendure/core@3.7.3',
  '@medusajs/medusa@2.21.2',
  '@strapi/core@5.54.0',
  '@backstage/backend-defaults@0.18.0',
  'n8n-core@2.41.1',
  'flowise@3.1.4',
  '@budibase/server@3.38.1',
];

function main(): void {
  const name = process.env.BENCH_CORPUS ?? 'main';
  const files =
    name === 'apps'
      ? loadPackedSources('cache-apps', APPLICATION_PACKAGES)
      : loadCorpus(name, name === 'cache' ? CACHE_PACKAGES : CORPUS_PACKAGES);
  const config = defaultConfig(allRules);
  for (const [id, rule] of Object.entries(config.rules)) if (!CACHE_RULES.has(id)) rule!.severity = 'off';
  const analyzer = new Analyzer({ config, rootDir: '/' });
  for (const file of files) analyzer.setFile(file.fileName, file.text);
  const findings: Finding[] = [];
  const failures: string[] = [];
  let described = 0;
  const started = performance.now();
  for (const file of files) {
    const result = analyzer.analyzeFile(file.fileName);
    failures.push(...result.failures.map((failure) => `${failure.ruleId} ${failure.file}: ${failure.message}`));
    described += result.policies.length - result.findings.length;
    for (const finding of result.findings) {
      findings.push(finding);
      const line = file.text.split('\n')[finding.span.startPos.line - 1]!.trim().slice(0, 140);
      const where = finding.file.replace(/^.*node_modules\//, '');
      console.log(
        `${where}:${finding.span.startPos.line} ${finding.ruleId}\n    ${line}\n    ${finding.policy?.summary ?? ''}`,
      );
    }
  }
  const ms = performance.now() - started;
  console.log(`\ncorpus "${name}": ${files.length} files in ${ms.toFixed(0)} ms; rule failures: ${failures.length}`);
  for (const failure of failures) console.log(`  ${failure}`);
  console.log(`recognised cache calls described without a finding (hover notes): ${described}`);
  for (const id of CACHE_RULES) console.log(`| ${id} | ${findings.filter((f) => f.ruleId === id).length} findings |`);
}

if (require.main === module) main();

/** The packages' own sources (no dependencies): `npm pack` tarballs unpacked into bench/.corpus/<name>. */
export function loadPackedSources(name: string, packages: readonly string[]): CorpusFile[] {
  const dir = join(__dirname, '.corpus', name);
  const marker = join(dir, 'installed.json');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== JSON.stringify(packages)) {
    mkdirSync(dir, { recursive: true });
    for (const spec of packages) {
      const tarball = execFileSync('npm', ['pack', '--silent', spec], { cwd: dir, encoding: 'utf8' }).trim();
      const target = join(dir, spec.slice(0, spec.lastIndexOf('@')));
      mkdirSync(target, { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { cwd: dir });
    }
    writeFileSync(marker, JSON.stringify(packages));
  }
  const files: CorpusFile[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path).sort()) {
      const child = join(path, entry);
      if (statSync(child).isDirectory()) walk(child);
      else if (
        /\.(?:[cm]?js|[cm]?ts)$/.test(entry) &&
        !/\.d\.[cm]?ts$|\.min\.js$/.test(entry) &&
        statSync(child).size < 2e6
      )
        files.push({ fileName: child, text: readFileSync(child, 'utf8') });
    }
  };
  walk(dir);
  return files;
}

/**
 * The analyzer's reader for packed sources: package manifests and lockfiles from the disk (which
 * package a file is in, its dependencies and their versions), nothing else — the sources
 * themselves are handed to the analyzer.
 */
export function readManifest(path: string): string | undefined {
  if (!isPackageFile(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
