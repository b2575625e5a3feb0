import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES } from './analysis';
import { isAnalyzableFile } from './analysis/workspace-files';
import { isPackageFile } from './analysis/analyzer';
import { codeActions, FIX_ALL_KIND } from './lsp/code-actions';
import { codeLenses } from './lsp/code-lens';
import { discoverWorkspaceFiles } from './lsp/discover';
import { DEFAULT_SETTINGS, normalizeSettings } from './lsp/folder-config';
import { GoodputService } from './lsp/goodput-service';
import { hoverAt } from './lsp/hover';
import { pathOfUri } from './lsp/paths';
import { LIST_MODELS_REQUEST, SIMULATE_REQUEST, STATUS_NOTIFICATION } from './protocol';
import { handleListModels, handleSimulate } from './lsp/simulate';
import { VERSION } from './version';
import { ANALYZE_WORKSPACE_COMMAND, scopeOf, WorkspaceAnalysis } from './lsp/workspace-analysis';

// LSP wiring only: every handler delegates to lsp/. Started by the VS Code client over IPC, or
// by any editor with `node dist/server.js --stdio`.

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let supportsConfiguration = false;
let supportsWorkspaceFolders = false;
let supportsCodeLensRefresh = false;
let workspaceRoots: string[] = [];

const service = new GoodputService({
  publish: (uri, version, diagnostics) => {
    void connection.sendDiagnostics({ uri, version: version || undefined, diagnostics });
    // Code lenses come from the same analysis: ask for them again now that it is done.
    if (supportsCodeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type);
  },
  status: (params) => void connection.sendNotification(STATUS_NOTIFICATION, params),
  log: (message) => connection.console.log(message),
  settingsFor: async (scopeUri) => {
    if (!supportsConfiguration) return DEFAULT_SETTINGS;
    const raw = await connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: 'goodput' } : { section: 'goodput' });
    return normalizeSettings(raw);
  },
  discover: discoverWorkspaceFiles,
  openDocuments: () => documents.all(),
});

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  supportsConfiguration = capabilities.workspace?.configuration === true;
  supportsWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
  supportsCodeLensRefresh = capabilities.workspace?.codeLens?.refreshSupport === true;
  workspaceRoots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []))
    .filter((folder) => folder.uri.startsWith('file:'))
    .map((folder) => pathOfUri(folder.uri));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [ANALYZE_WORKSPACE_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'goodput', version: VERSION },
  };
});

connection.onInitialized(async () => {
  if (supportsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  }
  // Clients without workspace-folder support (Neovim 0.7, simple LSP clients) reject the handler.
  if (supportsWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
      await service.setFolders(folders.filter((f) => f.uri.startsWith('file:')).map((f) => pathOfUri(f.uri)));
    });
  }
  await service.setFolders(workspaceRoots);
  markIndexed();
  void workspaceAnalysis.refresh();
});

connection.onDidChangeConfiguration(() => void service.reloadConfiguration().then(() => workspaceAnalysis.configurationChanged()));

connection.onDidChangeWatchedFiles(({ changes }) => {
  const paths = changes.map((change) => ({ path: pathOfUri(change.uri), deleted: change.type === FileChangeType.Deleted }));
  if (paths.some(({ path }) => CONFIG_FILE_NAMES.some((name) => path.endsWith(`/${name}`)))) {
    void service.reloadConfiguration();
  }
  if (paths.some(({ path }) => isPackageFile(path))) service.packageFilesChanged();
  const sources = paths.filter(({ path }) => isAnalyzableFile(path));
  if (sources.length > 0) service.filesChanged(sources);
  if (sources.length > 0) void workspaceAnalysis.refresh();
});

documents.onDidOpen(({ document }) => service.schedule(document, 0));
documents.onDidChangeContent(({ document }) => service.schedule(document));
documents.onDidClose(({ document }) => service.close(document.uri));
documents.onDidClose(({ document }) => void workspaceAnalysis.documentClosed(document.uri));

connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? codeActions(params, document, service) : [];
});

connection.onHover((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const result = service.lastResult(document.uri, document.version);
  return result ? hoverAt(result, document, params.position) : null;
});

connection.onCodeLens((params) => {
  const document = documents.get(params.textDocument.uri);
  const result = document && service.lastResult(document.uri, document.version);
  return document && result ? codeLenses(result, document) : [];
});

connection.onRequest(LIST_MODELS_REQUEST, handleListModels);
connection.onRequest(SIMULATE_REQUEST, handleSimulate);

// Whole-workspace analysis: the "Goodput: Analyze Workspace" command and `goodput.scope`.
let markIndexed: () => void = () => undefined;
const indexed = new Promise<void>((resolve) => (markIndexed = resolve));
const workspaceAnalysis = new WorkspaceAnalysis(connection, {
  folders: () => service.workspaceFolders(),
  openUris: () => new Set(documents.keys()),
  scope: async () =>
    supportsConfiguration ? scopeOf((await connection.workspace.getConfiguration('goodput'))?.scope) : 'openFiles',
  ready: () => indexed,
});
connection.onExecuteCommand(({ command }) =>
  command === ANALYZE_WORKSPACE_COMMAND ? workspaceAnalysis.run() : undefined,
);

documents.listen(connection);
connection.listen();
