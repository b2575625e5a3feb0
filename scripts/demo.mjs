// `npm run demo`: analyze examples/ and print the findings, then simulate one finding's failure
// mode as written and with its fix, side by side. Uses only the bundled CLI (dist/cli.js).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = (args, stdio = 'pipe') =>
  spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, encoding: 'utf8', stdio });

console.log('$ goodput check examples\n');
const check = cli(['check', 'examples'], 'inherit');
if (check.status === 2) process.exit(2);

const report = JSON.parse(cli(['check', 'examples', '--format', 'json']).stdout);
const finding = report.results.flatMap((file) => file.findings.map((f) => ({ ...f, filePath: file.filePath })))
  .find((f) => f.simulation);
if (!finding) {
  console.log('\nNo finding carries a simulation scenario.');
  process.exit(0);
}

const { model, params, fixedParams = {} } = finding.simulation;
const simulate = (values) => {
  const args = ['simulate', model, '--format', 'json', ...Object.entries(values).flatMap(([k, v]) => ['--param', `${k}=${v}`])];
  const run = cli(args);
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
};
const written = simulate(params);
const fixed = simulate({ ...params, ...fixedParams });

console.log(`\nSimulating ${finding.filePath}:${finding.line} (${finding.ruleId}) with the ${model} model`);
console.log(`  as written (${JSON.stringify(params)}):`);
console.log(`    ${written.summary.headline}`);
console.log(`  with the fix (${JSON.stringify(fixedParams)}):`);
console.log(`    ${fixed.summary.headline}`);
const keys = Object.keys(written.summary.values).filter((k) => typeof written.summary.values[k] === 'number').slice(0, 6);
const width = Math.max(...keys.map((k) => k.length));
console.log(`\n  ${'metric'.padEnd(width)}  ${'as written'.padStart(12)}  ${'with the fix'.padStart(12)}`);
for (const key of keys) {
  const format = (value) => (typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(value));
  console.log(`  ${key.padEnd(width)}  ${format(written.summary.values[key]).padStart(12)}  ${format(fixed.summary.values[key]).padStart(12)}`);
}
