import { ts as tsMorphTypeScript } from 'ts-morph';

// The TypeScript API (the copy ts-morph bundles) as one local binding, for types and values.
// Importing `ts` from 'ts-morph' in every module made each `ts.isIdentifier(…)` in the bundled
// server go through the bundler's CommonJS interop getter — about a sixth of the analysis time
// on a keystroke. This alias is read once, when the module loads.
export import ts = tsMorphTypeScript;
