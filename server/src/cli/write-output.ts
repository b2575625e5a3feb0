import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, type CliIo } from './io';

/** A report goes to `--output-file` (directories created) or to stdout. */
export function writeOutput(text: string, outputFile: string | undefined, cwd: string, io: CliIo): void {
  if (outputFile === undefined) {
    io.out(text);
    return;
  }
  const path = resolve(cwd, outputFile);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot write ${outputFile}: ${error instanceof Error ? error.message : String(error)}`,
      false,
    );
  }
}
