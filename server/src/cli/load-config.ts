import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  allRules,
  applyRuleSettings,
  CONFIG_FILE_NAMES,
  defaultConfig,
  parseConfigText,
  type ResolvedConfig,
} from '../analysis';
import { toPosixPath, UsageError } from './io';

// The configuration a `goodput check` run uses: the nearest goodput.json (or --config), then the
// --rule overrides. A broken config file is reported and its valid parts still apply, so one typo
// does not silence every rule; a --config that does not exist is a usage error (exit 2), because
// checking with defaults instead of the file the user named would pass for the wrong reason.

export interface LoadConfigOptions {
  cwd: string;
  /** The search for a config file stops here (the git root), or at the filesystem root. */
  stopDir?: string;
  configFile?: string;
  ruleOverrides?: ReadonlyArray<readonly [string, string]>;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Absolute path of the config file used, if any. */
  configPath?: string;
  /** Directory the config's `ignore` globs are relative to: the config file's, else the cwd. */
  ignoreBaseDir: string;
  /** Problems in the config file, each stated once; the run continues with defaults for those parts. */
  errors: string[];
}

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const errors: string[] = [];
  const configPath = options.configFile
    ? explicitConfigPath(options.cwd, options.configFile)
    : findConfigFile(options.cwd, options.stopDir, errors);
  let config = defaultConfig(allRules);
  if (configPath) {
    const source = displayName(options.cwd, configPath);
    const text = readText(configPath);
    if (text === undefined) {
      errors.push(`${source}: cannot be read; using defaults`);
    } else {
      const parsed = parseConfigText(text, allRules, source);
      config = parsed.config;
      errors.push(...parsed.errors);
    }
  }
  applyOverrides(config, options.ruleOverrides ?? []);
  return {
    config,
    configPath: configPath ? toPosixPath(configPath) : undefined,
    ignoreBaseDir: toPosixPath(configPath ? dirname(configPath) : options.cwd),
    errors,
  };
}

/** The nearest config file from `startDir` upwards, stopping after `stopDir` or the filesystem root. */
export function findConfigFile(
  startDir: string,
  stopDir: string | undefined,
  errors: string[] = [],
): string | undefined {
  let dir = resolve(startDir);
  const stop = stopDir === undefined ? undefined : resolve(stopDir);
  for (;;) {
    const found = CONFIG_FILE_NAMES.map((name) => join(dir, name)).filter(isFile);
    if (found.length > 1) {
      errors.push(
        `${found.map((path) => displayName(startDir, path)).join(' and ')} both exist; using ${displayName(startDir, found[0]!)}`,
      );
    }
    if (found.length > 0) return found[0];
    const parent = dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    dir = parent;
  }
}

function explicitConfigPath(cwd: string, configFile: string): string {
  const path = resolve(cwd, configFile);
  if (!isFile(path)) throw new UsageError(`config file not found: ${configFile}`, false);
  return path;
}

/** `--rule` values are arguments, not file content: a wrong one is a usage error, not a warning. */
function applyOverrides(config: ResolvedConfig, overrides: ReadonlyArray<readonly [string, string]>): void {
  if (overrides.length === 0) return;
  const problems: string[] = [];
  applyRuleSettings(config, Object.fromEntries(overrides), allRules, '--rule', problems);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Config paths in messages are relative to where the user stands, as they would type them. */
function displayName(cwd: string, path: string): string {
  return toPosixPath(relative(cwd, path)) || path;
}
