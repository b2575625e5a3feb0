import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Deterministic inputs for fuzzing: cuts at random offsets, tokens deleted or duplicated, and
// garbage bytes, from a seeded generator so that a failure is reproducible by its name.

export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: good enough to pick offsets, and the same on every machine.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function mutations(text: string, name: string, count: number): Array<{ name: string; text: string }> {
  const random = seeded(hash(name));
  const tokens = text.split(/(\s+|[(){}[\];,.])/);
  const out: Array<{ name: string; text: string }> = [];
  for (let index = 0; index < count; index++) {
    const kind = index % 4;
    const at = Math.floor(random() * text.length);
    let mutated: string;
    if (kind === 0) mutated = text.slice(0, at); // truncated
    else if (kind === 1 || kind === 2) {
      const copy = [...tokens];
      const position = Math.floor(random() * copy.length);
      if (kind === 1) copy.splice(position, 1 + Math.floor(random() * 3)); // tokens deleted
      else copy.splice(position, 0, ...copy.slice(position, position + 1 + Math.floor(random() * 3))); // duplicated
      mutated = copy.join('');
    } else {
      const garbage = Array.from({ length: 8 }, () => String.fromCharCode(Math.floor(random() * 0xd7ff))).join('');
      mutated = text.slice(0, at) + garbage + text.slice(at);
    }
    out.push({ name: `${name}#${index}.ts`, text: mutated });
  }
  return out;
}

/** Up to `limit` JS/TS sources from installed packages, spread over packages, in a stable order. */
export function sourceSamples(root: string, limit: number): Array<{ name: string; text: string }> {
  const modules = join(root, 'node_modules');
  const packages = ['vscode-languageserver', 'vscode-jsonrpc', 'ajv', 'eslint', 'ignore', 'tinyglobby', 'mocha', 'semver', 'uplot'];
  const files: string[] = [];
  for (const name of packages) {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir).sort()) {
        const path = join(dir, entry);
        if (entry === 'node_modules' || found.length >= limit / packages.length) continue;
        const stat = statSync(path);
        if (stat.isDirectory()) walk(path);
        else if (/\.(c|m)?js$|\.ts$/.test(entry) && !entry.endsWith('.d.ts') && stat.size < 400_000) found.push(path);
      }
    };
    try {
      walk(join(modules, name));
    } catch {
      continue; // a package not installed on this machine
    }
    files.push(...found);
  }
  return files.map((path) => ({ name: path.slice(modules.length + 1).replace(/\//g, '_'), text: readFileSync(path, 'utf8') }));
}

function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 16777619);
  return value >>> 0;
}
