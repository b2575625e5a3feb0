import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Diagnostic } from '../../helpers/lsp-client';
import { findingKey, loadExpectations, type ExampleFinding } from '../support/expectations';
import { Oracle, type LspCodeAction } from '../support/oracle';
import { checkSimulationPanel, simulateCommandTitle } from './simulation-step';
import { StepFailure, StepRunner, waitUntil } from './step-runner';
import { UI_TIMEOUT_MS, Workbench } from './workbench';

// The installed goodput.vsix in code-server, driven like a user would in headless Chromium, on
// a fresh copy of examples/. Expectations come from examples/expected-findings.json and the
// built CLI; fixes and the diagnostics that should remain come from the bundled server (Oracle).
// Usage: node --import tsx test/e2e/code-server/ui.e2e.ts <code-server URL> <workspace copy> <artifacts dir>

const FIX_ALL_KIND = 'source.fixAll.goodput';
const [baseUrl, workspace, artifactsDir] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<number> {
  const expectations = loadExpectations();
  const oracle = new Oracle(workspace);
  await oracle.start();
  const profile = mkdtempSync(join(tmpdir(), 'goodput-e2e-chromium-'));
  // Playwright rejects --user-data-dir in args; a persistent context on a fresh folder is that.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.GOODPUT_E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const workbench = new Workbench(page);
  const runner = new StepRunner(page, artifactsDir, async () =>
    [
      `Problems view:\n${await workbench.panelText('.markers-panel')}`,
      `notifications:\n${await workbench.panelText('.notifications-toasts')}`,
      `action menu:\n${await workbench.panelText('.action-widget')}`,
    ].join('\n'),
  );
  runner.log(
    `rules in the built CLI: ${expectations.rules.join(', ')}; ${expectations.findings.length} expected findings`,
  );

  const problemKeys = async () =>
    (await workbench.problems())
      .filter((row) => row.source === 'goodput')
      .map((row) => `${row.file}:${row.line}:${row.code}`)
      .sort();
  const problemsMatch = (what: string, expected: () => string[]) =>
    waitUntil(
      page,
      what,
      async () => {
        const actual = await problemKeys();
        const wanted = expected();
        return {
          ok: sameList(actual, wanted),
          observed: `expected:\n  ${wanted.join('\n  ')}\nProblems view:\n  ${actual.join('\n  ')}`,
        };
      },
      60_000,
    );

  /** Waits until the file on disk is `expected` (saving when the fix left the editor dirty). */
  const fileBecomes = (file: string, expected: string) =>
    waitUntil(page, `${file} to hold the fixed text`, async () => {
      await workbench.saveIfDirty();
      const actual = readFileSync(join(workspace, file), 'utf8');
      return { ok: actual === expected, observed: firstDifference(actual, expected) };
    });

  /** Puts the cursor on `diagnostic`, applies the action titled `action.title` from `menu`, checks the result. */
  const applyAction = async (
    file: string,
    diagnostic: Diagnostic,
    action: LspCodeAction,
    menu: 'quickfix' | 'source',
    shots: [string, string],
  ) => {
    const expected = oracle.textAfter(file, action);
    await workbench.openFile(file);
    await workbench.goTo(diagnostic.range.start.line + 1, diagnostic.range.start.character + 1);
    await workbench.openActionMenu(menu, action.title);
    await runner.screenshot(shots[0]);
    await workbench.chooseAction(action.title);
    await fileBecomes(file, expected);
    await oracle.change(file, expected);
    await problemsMatch('the Problems view to show what the server reports after the edit', () => oracle.findingKeys());
    await runner.screenshot(shots[1]);
  };

  await runner.step(
    'open-examples',
    async () => {
      await workbench.open(baseUrl, workspace);
      // The server analyses open files: open every file that should have findings.
      for (const file of expectations.files) {
        await workbench.openFile(file);
        await oracle.open(file);
      }
    },
    { edits: true },
  );

  await runner.step('problems', async () => {
    const expected = expectations.findings.map(findingKey).sort();
    await problemsMatch('the expected findings in the Problems view', () => expected);
    await runner.screenshot('01-problems');
  });

  const withPolicy = expectations.findings.find((finding) => finding.reported?.policy);
  await runner.step('hover', async () => {
    if (!withPolicy?.reported?.policy) throw new StepFailure('no expected finding has a policy to hover', '');
    await placeCursor(workbench, withPolicy);
    // Rendered Markdown drops the backticks of code spans; the CLI ran from the repository root,
    // so its paths start with examples/, while the editor's workspace is the copy of examples/.
    const summary = withPolicy.reported.policy.summary.replace(/`/g, '').replaceAll('examples/', '');
    const hover = await workbench.hoverContaining(summary).catch(async () => {
      throw new StepFailure(
        `the hover does not show the policy "${summary}"`,
        await workbench.panelText('.monaco-hover'),
      );
    });
    await runner.screenshot('02-hover');
    runner.log(`  hover: ${(await hover.innerText()).split('\n').find((line) => line.includes(summary))}`);
    await page.keyboard.press('Escape');
  });

  const simulateTitle = simulateCommandTitle();
  const simulated = expectations.findings.find((finding) => finding.reported?.simulation);
  if (!simulateTitle) {
    runner.skip(
      'simulation-panel',
      'package.json does not contribute goodput.simulateFinding yet (see test/e2e/code-server/simulation-step.ts)',
    );
  } else {
    await runner.step('simulation-panel', async () => {
      if (!simulated) throw new StepFailure('no expected finding carries a simulation', '');
      await placeCursor(workbench, simulated);
      await checkSimulationPanel(workbench, simulateTitle);
      await runner.screenshot('03-simulation-panel');
      await workbench.openFile(simulated.file);
    });
  }

  let quickFixed = '';
  await runner.step(
    'quick-fix',
    async () => {
      const target = expectations.findings.find((finding) => finding.reported?.fixable);
      if (!target) throw new StepFailure('no expected finding is fixable', '');
      const diagnostic = oracleDiagnostic(oracle, target);
      const actions = await oracle.codeActions(target.file, diagnostic);
      const fix = actions.find((action) => action.isPreferred) ?? actions.find((action) => action.edit);
      if (!fix) throw new StepFailure(`the server offers no fix for ${findingKey(target)}`, titles(actions));
      const before = countRule(oracle.diagnostics(target.file), target.ruleId);
      runner.log(`  ${findingKey(target)}: "${fix.title}"`);
      await applyAction(target.file, diagnostic, fix, 'quickfix', ['04-quick-fix-menu', '05-quick-fix-applied']);
      if (countRule(oracle.diagnostics(target.file), target.ruleId) !== before - 1) {
        throw new StepFailure('the fixed finding is still reported', oracle.findingKeys().join('\n'));
      }
      quickFixed = target.file;
    },
    { edits: true },
  );

  await runner.step(
    'fix-all',
    async () => {
      // Prefer a file the quick fix did not touch, with the most findings.
      const files = expectations.files
        .filter((file) => oracle.diagnostics(file).length > 0)
        .sort(
          (a, b) =>
            Number(a === quickFixed) - Number(b === quickFixed) ||
            oracle.diagnostics(b).length - oracle.diagnostics(a).length,
        );
      for (const file of files) {
        const [first] = oracle.diagnostics(file) as [Diagnostic];
        const [fixAll] = await oracle.codeActions(file, first, [FIX_ALL_KIND]);
        if (!fixAll) continue;
        const before = oracle.diagnostics(file).length;
        runner.log(`  ${file}: "${fixAll.title}" (${before} findings)`);
        await applyAction(file, first, fixAll, 'source', ['06-fix-all-menu', '07-fix-all-applied']);
        const left = oracle
          .diagnostics(file)
          .filter((d) => (d.data as { fixes?: Array<{ kind: string }> }).fixes?.some((f) => f.kind === 'safe'));
        if (left.length > 0) throw new StepFailure('fix-all left fixable findings', oracle.findingKeys().join('\n'));
        return;
      }
      throw new StepFailure('no open file has a fix-all action', oracle.findingKeys().join('\n'));
    },
    { edits: true },
  );

  await runner.step(
    'disable-for-line',
    async () => {
      const file = expectations.files.find((candidate) => oracle.diagnostics(candidate).length > 0);
      if (!file) throw new StepFailure('no finding is left to disable', oracle.findingKeys().join('\n'));
      const [diagnostic] = oracle.diagnostics(file) as [Diagnostic];
      const actions = await oracle.codeActions(file, diagnostic);
      const disable = actions.find((action) => / for this line$/.test(action.title));
      if (!disable) throw new StepFailure('the server offers no "for this line" action', titles(actions));
      const before = countRule(oracle.diagnostics(file), String(diagnostic.code));
      runner.log(`  ${file}:${diagnostic.range.start.line + 1}: "${disable.title}"`);
      await applyAction(file, diagnostic, disable, 'quickfix', [
        '08-disable-for-line-menu',
        '09-disable-for-line-applied',
      ]);
      if (countRule(oracle.diagnostics(file), String(diagnostic.code)) !== before - 1) {
        throw new StepFailure('the disabled finding is still reported', oracle.findingKeys().join('\n'));
      }
    },
    { edits: true },
  );

  await runner.step('language-status', async () => {
    const item = page.locator('[id="status.languageStatus"]');
    await waitUntil(page, 'the language status to report a finished analysis', async () => {
      const label = (await item.getAttribute('aria-label').catch(() => null)) ?? '';
      return { ok: /Goodput: \d+(\.\d+)? ms/.test(label), observed: label };
    });
    await item.click();
    await page.locator('.monaco-hover', { hasText: 'Goodput is ready' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await runner.screenshot('10-language-status');
    await page.keyboard.press('Escape');
  });

  await context.close();
  await oracle.stop();
  rmSync(profile, { recursive: true, force: true });
  return runner.finish();
}

async function placeCursor(workbench: Workbench, finding: ExampleFinding): Promise<void> {
  await workbench.openFile(finding.file);
  await workbench.goTo(finding.line, finding.reported?.column ?? 1);
}

function oracleDiagnostic(oracle: Oracle, finding: ExampleFinding): Diagnostic {
  const found = oracle
    .diagnostics(finding.file)
    .find((d) => d.range.start.line + 1 === finding.line && d.code === finding.ruleId);
  if (!found)
    throw new StepFailure(`the server does not report ${findingKey(finding)}`, oracle.findingKeys().join('\n'));
  return found;
}

function countRule(diagnostics: Diagnostic[], ruleId: string): number {
  return diagnostics.filter((d) => d.code === ruleId).length;
}

function titles(actions: LspCodeAction[]): string {
  return actions.map((action) => action.title).join('\n') || '(no code actions)';
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((text, index) => text !== e[index]);
  if (line === -1) return `the file on disk has ${a.length} lines, ${e.length} expected`;
  return `first difference at line ${line + 1}:\n  on disk:  ${a[line]}\n  expected: ${e[line] ?? '(end of file)'}`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('e2e driver error:', error);
    process.exit(2);
  },
);
