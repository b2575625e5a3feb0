import {
  parseHostMessage,
  parsePanelState,
  type HostMessage,
  type PanelState,
  type WebviewMessage,
} from '../../server/src/report/panel-messages';
import { RunScheduler } from '../../server/src/report/run-scheduler';
import {
  defaultSettings,
  scenarioRuns,
  scenarioTitle,
  type PanelScenario,
  type RunSettings,
} from '../../server/src/report/scenario';
import type { ModelInfo } from '../../server/src/sim/types';
import { comparisonView, type ComparisonView } from './comparison-view';
import { controlsView } from './controls';
import { h } from './dom';
import { readTheme, watchTheme } from './theme';

// The panel inside VS Code: asks the host for its scenario, shows the controls, re-runs both
// scenarios (debounced; replies to replaced runs are dropped) and draws them. Its state survives
// a reload through setState/getState and the host's serializer.

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

type RunRequest = Omit<Extract<WebviewMessage, { type: 'run' }>, 'type' | 'requestId'>;

export function startPanel(root: HTMLElement, vscode: VsCodeApi): void {
  const restored = parsePanelState(vscode.getState());
  let scenario: PanelScenario | undefined;
  let model: ModelInfo | undefined;
  let settings: RunSettings | undefined;
  let view: ComparisonView | undefined;
  let completedRuns = 0;

  const status = h('p', { class: 'status', role: 'status' });
  const results = h('div', { class: 'results' });
  const scheduler = new RunScheduler<RunRequest>(
    (requestId, request) => {
      setBusy(true, 'Running the simulation…');
      vscode.postMessage({ type: 'run', requestId, ...request });
    },
    {
      set: (callback, delayMs) => setTimeout(callback, delayMs),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
  );

  const setBusy = (busy: boolean, text: string) => {
    results.setAttribute('aria-busy', String(busy));
    root.dataset.state = busy ? 'running' : scheduler.state;
    status.textContent = text;
  };

  const run = (immediately: boolean) => {
    if (!scenario || !settings) return;
    const params = scenarioRuns(scenario, settings);
    vscode.setState({ scenario, settings });
    scheduler.request(
      {
        model: scenario.model,
        written: params.written,
        fixed: params.fixed,
        seed: settings.seed,
        horizonMs: settings.horizonMs,
      },
      immediately,
    );
    // idle → waiting (debounce) → running → idle: tests and screen readers can tell when it is done.
    if (scheduler.state === 'waiting') root.dataset.state = 'waiting';
  };

  const handle = (message: HostMessage) => {
    switch (message.type) {
      case 'init': {
        scenario = message.scenario;
        model = message.model;
        // After a reload the host re-sends the same scenario; keep what the user had set.
        const sameScenario = restored && JSON.stringify(restored.scenario) === JSON.stringify(scenario);
        settings = sameScenario && restored.settings ? restored.settings : defaultSettings(model);
        layout(message.fixTitle);
        run(true);
        return;
      }
      case 'results': {
        if (!scheduler.accept(message.requestId)) return;
        view?.dispose();
        view = comparisonView({ written: message.written, fixed: message.fixed, syncKey: 'goodput-panel' });
        results.replaceChildren(view.element);
        view.draw(readTheme());
        completedRuns += 1;
        root.dataset.completedRuns = String(completedRuns);
        setBusy(false, message.written.cancelled ? 'The run was cut short.' : '');
        return;
      }
      case 'runFailed':
        if (!scheduler.accept(message.requestId)) return;
        setBusy(false, `The simulation failed: ${message.message}`);
        return;
      case 'fixApplied':
        status.textContent = message.message;
        return;
    }
  };

  const layout = (fixTitle: string | undefined) => {
    if (!scenario || !model || !settings) return;
    const finding = scenario.finding;
    const actions = h(
      'div',
      { class: 'actions' },
      finding &&
        fixTitle &&
        button('apply-fix', `Apply fix: ${fixTitle}`, () => vscode.postMessage({ type: 'applyFix' })),
      finding && button('reveal-finding', 'Go to code', () => vscode.postMessage({ type: 'revealFinding' })),
    );
    root.replaceChildren(
      h(
        'header',
        {},
        h('h1', {}, scenarioTitle(scenario, model)),
        finding ? h('p', { class: 'finding' }, finding.message) : h('p', { class: 'finding' }, model.description),
        actions,
      ),
      controlsView({
        model,
        scenario,
        settings,
        onChange: (next) => {
          settings = next;
          run(false);
        },
      }),
      h(
        'p',
        { class: 'legend-note' },
        'Shaded: the trigger (outage, spike or slow dependency). Charts on one row share their scales; the cursor moves on all of them.',
      ),
      status,
      results,
    );
  };

  window.addEventListener('message', (event: MessageEvent) => {
    const message = parseHostMessage(event.data);
    if (message) handle(message);
  });
  watchTheme(() => view?.draw(readTheme()));
  new ResizeObserver(() => view?.draw(readTheme())).observe(results);
  root.replaceChildren(h('p', { class: 'status' }, 'Loading…'));
  vscode.postMessage({ type: 'ready' });
}

function button(id: string, text: string, onClick: () => void): HTMLButtonElement {
  const element = h('button', { id, type: 'button' }, text);
  element.addEventListener('click', onClick);
  return element;
}
