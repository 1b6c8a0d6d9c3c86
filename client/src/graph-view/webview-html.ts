// The graph webview's page: a strict Content-Security-Policy (no remote content; one nonce'd style,
// nonce'd scripts only (webview/main.ts bundled to dist/webview/graph-webview.js, which draws, and the
// layout script it adds with the same nonce when no worker can start), and workers from blob: URLs
// only, for its layout worker, webview/worker-source.ts), VS Code theme colours through CSS variables,
// the "Laying out N steps…" notice under the tab bar (shared by both tabs, so a layout in progress
// shows from the Timeline tab too; role=status, so screen readers read it), and the two tabs' places
// (the dependency graph, and the last run's timeline).
export function graphHtml(cspSource: string, nonce: string, scriptUri: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; worker-src blob:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Weft graph</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);margin:0;padding:0 12px}
.tabs{display:flex;gap:4px;border-bottom:1px solid var(--vscode-panel-border);margin-bottom:8px}
.tabs button{background:none;border:none;color:var(--vscode-foreground);padding:8px 12px;cursor:pointer;opacity:.7;border-bottom:2px solid transparent}
.tabs button.on{opacity:1;border-bottom-color:var(--vscode-focusBorder)}
.muted{color:var(--vscode-descriptionForeground)}
svg text{fill:var(--vscode-foreground);font-size:12px;dominant-baseline:middle}
.node rect{fill:var(--vscode-editorWidget-background);stroke:var(--vscode-editorWidget-border,var(--vscode-panel-border));rx:5;cursor:pointer}
.node:hover rect{stroke:var(--vscode-focusBorder)}
.cluster rect{fill:var(--vscode-sideBar-background);fill-opacity:.45;stroke:var(--vscode-panel-border);stroke-dasharray:4 3;rx:8}
.cluster text{fill:var(--vscode-descriptionForeground);font-size:11px}
.edge{fill:none;stroke:var(--vscode-editorLineNumber-foreground);stroke-width:1.3}
.s-running rect,.b-running{stroke:var(--vscode-charts-blue)!important;stroke-width:2}
.b-running{fill:var(--vscode-charts-blue)}.b-retrying{fill:var(--vscode-charts-orange)}
.s-retrying rect{stroke:var(--vscode-charts-orange)!important;stroke-width:2}
.s-succeeded rect{stroke:var(--vscode-testing-iconPassed)!important;stroke-width:2}.b-succeeded{fill:var(--vscode-testing-iconPassed)}
.s-failed rect{stroke:var(--vscode-testing-iconFailed)!important;stroke-width:2}.b-failed{fill:var(--vscode-testing-iconFailed)}
.s-cancelled rect{stroke:var(--vscode-testing-iconSkipped)!important}.b-cancelled{fill:var(--vscode-testing-iconSkipped)}
.s-skipped{opacity:.55}.b-skipped,.b-pending{fill:var(--vscode-disabledForeground)}
.crit{stroke:var(--vscode-charts-yellow)!important;stroke-width:2.5}
.title{margin:auto 8px}.bar{cursor:pointer}.bar rect{rx:3}
.axis{stroke:var(--vscode-panel-border)}
.notice{margin:4px 0 8px}.stale{opacity:.45}
</style></head><body>
<div class="tabs"><button id="t-graph" class="on">Graph</button><button id="t-time">Timeline</button><span id="title" class="muted title"></span></div>
<div id="notice" class="muted notice" role="status"></div>
<div id="graph-tab"><div id="graph"></div></div><div id="time"></div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body></html>`;
}
