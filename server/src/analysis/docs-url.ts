// Where a rule's documentation lives for tools that need an absolute URL (SARIF helpUri,
// LSP codeDescription). The editor prefers the copy shipped inside the extension.
export const DOCS_BASE_URL = 'https://github.com/goodput-dev/goodput/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
