import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { allRules, applyRuleSettings, CONFIG_FILE_NAMES, defaultConfig, parseConfigText, type ResolvedConfig } from '../analysis';

// A workspace folder's effective configuration: its goodput.json, overridden by the editor's
// `goodput.*` settings (same `rules` shape), so the CLI in CI and the editor agree.

export interface EditorSettings {
  enable: boolean;
  rules: Record<string, unknown>;
  configFile: string;
  debounceMs: number;
  maxFileSizeKb: number;
}

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, rules: {}, configFile: '', debounceMs: 150, maxFileSizeKb: 2048 };

export interface FolderConfig {
  config: ResolvedConfig;
  errors: string[];
  configPath?: string;
}

export function loadFolderConfig(root: string, settings: EditorSettings): FolderConfig {
  const errors: string[] = [];
  let config = defaultConfig(allRules);
  let configPath: string | undefined;
  const candidates = settings.configFile ? [settings.configFile] : CONFIG_FILE_NAMES;
  for (const candidate of candidates) {
    const path = resolve(root, candidate);
    // A workspace setting must not make the server read files outside the workspace.
    const inside = relative(root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      errors.push(`goodput.configFile "${candidate}" is outside the workspace folder; ignored`);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      if (settings.configFile) errors.push(`goodput.configFile "${candidate}" was not found; using defaults`);
      continue;
    }
    const parsed = parseConfigText(text, allRules, relative(root, path) || candidate);
    config = parsed.config;
    errors.push(...parsed.errors);
    configPath = path;
    break;
  }
  applyRuleSettings(config, settings.rules ?? {}, allRules, 'setting goodput.rules', errors);
  config.maxFileSizeKb = settings.maxFileSizeKb > 0 ? settings.maxFileSizeKb : config.maxFileSizeKb;
  return { config, errors, configPath };
}

export function normalizeSettings(raw: unknown): EditorSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<EditorSettings>;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    rules: typeof value.rules === 'object' && value.rules !== null ? value.rules : {},
    configFile: typeof value.configFile === 'string' ? value.configFile : '',
    debounceMs: typeof value.debounceMs === 'number' && value.debounceMs >= 0 ? value.debounceMs : DEFAULT_SETTINGS.debounceMs,
    maxFileSizeKb: typeof value.maxFileSizeKb === 'number' && value.maxFileSizeKb > 0 ? value.maxFileSizeKb : DEFAULT_SETTINGS.maxFileSizeKb,
  };
}

export function configFileIn(root: string): string[] {
  return CONFIG_FILE_NAMES.map((name) => join(root, name));
}
