// What the parse-ratio benchmark needs of the analysis, bundled as one module (bundled-analysis.ts).
export { Analyzer } from '../server/src/analysis';
export { runRules } from '../server/src/analysis/engine';
export { WorkspaceFiles, scriptKindOf } from '../server/src/analysis/workspace-files';
