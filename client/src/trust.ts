// Workspace trust: editing works in Restricted Mode (the manifest says `limited`), running does not,
// because a run executes the workflow's shell, http, file and llm steps. This explains why and offers
// to manage trust.
import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE = 'Weft cannot run workflows in Restricted Mode: a run executes the workflow\'s shell commands, HTTP requests and file writes, so it needs a trusted workspace. Editing features keep working.';

/** True when running is allowed; otherwise tells the user why not (without waiting for an answer). */
export function ensureTrusted(log: vscode.LogOutputChannel): boolean {
  if (vscode.workspace.isTrusted) return true;
  log.warn('run refused: the workspace is not trusted (Restricted Mode)');
  void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
