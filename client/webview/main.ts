import 'uplot/dist/uPlot.min.css';
import './panel.css';
import { startPanel, type VsCodeApi } from './panel-app';
import { startReport } from './report-app';

// Entry of the webview bundle (dist/webview/panel.js + panel.css). The same bundle renders the
// panel inside VS Code and, inlined, the `goodput report` page.

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root?.classList.contains('report')) startReport(root);
else if (root) startPanel(root, acquireVsCodeApi());
