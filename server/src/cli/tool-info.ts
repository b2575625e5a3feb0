import { VERSION } from '../version';

// How the CLI names itself in reports (JSON `tool`, SARIF `tool.driver`) and in `--version`.

export const TOOL_NAME = 'goodput';
/** The name code-scanning UIs show next to each alert. */
export const TOOL_DISPLAY_NAME = 'Goodput';
export const TOOL_VERSION = VERSION;
/** The project's home; rule pages live below it (see `ruleDocsUrl`). */
export const TOOL_INFORMATION_URI = 'https://github.com/goodput-dev/goodput';
