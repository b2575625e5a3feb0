import { REPORT_DATA_ID, type ReportData, type ReportFinding } from '../../server/src/report/page-html';
import { comparisonView, type ComparisonView } from './comparison-view';
import { h } from './dom';
import { readTheme, watchTheme } from './theme';

// The `goodput report` page: the findings in a table, then each simulated finding with the same
// comparison view the panel draws (the runs were computed by the CLI and embedded in the page).

export function startReport(root: HTMLElement): void {
  const text = document.getElementById(REPORT_DATA_ID)?.textContent ?? '';
  const data = JSON.parse(text) as ReportData;
  const views: ComparisonView[] = [];
  const sections = data.findings.map((finding, index) => {
    if (!finding.written) return null;
    const view = comparisonView({ written: finding.written, fixed: finding.fixed, syncKey: `goodput-report-${index}` });
    views.push(view);
    return h(
      'section',
      { class: 'finding-report', id: `finding-${index}` },
      h('h2', {}, `${finding.ruleId} · ${finding.location}`),
      h('p', { class: 'finding' }, finding.message),
      finding.policy ? h('p', { class: 'policy' }, `Effective policy: ${finding.policy}`) : null,
      view.element,
    );
  });
  const simulated = sections.filter((section): section is HTMLElement => section !== null);
  root.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, data.title),
      h(
        'p',
        {},
        `${plural(data.findings.length, 'finding')} in ${plural(data.fileCount, 'analyzed file')}; ${simulated.length} simulated, as written and with the fix. Goodput ${data.toolVersion}.`,
      ),
    ),
    findingsTable(data.findings),
    ...simulated,
  );
  const draw = () => views.forEach((view) => view.draw(readTheme()));
  draw();
  watchTheme(draw);
  document.body.dataset.rendered = 'true';
}

function findingsTable(findings: ReportFinding[]): HTMLElement {
  if (findings.length === 0) return h('p', {}, 'No findings.');
  return h(
    'table',
    { class: 'findings' },
    h('caption', {}, 'Findings'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Rule', 'Severity', 'Location', 'Message', 'Simulated outcome, as written'].map((title) =>
          h('th', { scope: 'col' }, title),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      findings.map((finding, index) =>
        h(
          'tr',
          {},
          h(
            'th',
            { scope: 'row' },
            finding.written ? h('a', { href: `#finding-${index}` }, finding.ruleId) : finding.ruleId,
          ),
          h('td', {}, finding.severity),
          h('td', {}, finding.location),
          h('td', {}, finding.message),
          h('td', {}, finding.written?.summary.headline ?? '—'),
        ),
      ),
    ),
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
