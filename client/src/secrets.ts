// LLM API keys in VS Code's secret storage (never settings, logs or run records). `weft.setApiKey`
// stores one per provider; runs get them as secrets named after the provider's environment variable,
// which the engine exposes to steps and redacts from logs, outputs and records.
import * as vscode from 'vscode';

export const PROVIDER_ENV: Record<string, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY', ollama: 'OLLAMA_API_KEY' };
const key = (provider: string) => `weft.apiKey.${provider}`;

export class Secrets {
  constructor(private readonly storage: vscode.SecretStorage, private readonly log: vscode.LogOutputChannel) {}

  /** Asks for the provider and the key (or takes them as arguments, for scripts and tests). */
  async setApiKey(provider?: string, value?: string): Promise<boolean> {
    provider ??= (await vscode.window.showQuickPick(Object.keys(PROVIDER_ENV).map((p) => ({ label: p, description: PROVIDER_ENV[p] })), { title: 'Weft: which LLM provider is the key for?' }))?.label;
    if (!provider) return false;
    value ??= await vscode.window.showInputBox({ title: `Weft: API key for ${provider}`, prompt: 'Stored in VS Code secret storage; given to llm steps; never written to settings, logs or run records. Empty to delete.', password: true, ignoreFocusOut: true });
    if (value === undefined) return false;
    if (value === '') { await this.storage.delete(key(provider)); this.log.info(`API key for ${provider} deleted`); return true; }
    await this.storage.store(key(provider), value);
    this.log.info(`API key for ${provider} stored in secret storage`); // never the value
    return true;
  }

  /** Every stored key, by environment variable name (`OPENAI_API_KEY` -> value). */
  async forRun(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [provider, env] of Object.entries(PROVIDER_ENV)) {
      const v = await this.storage.get(key(provider));
      if (v) out[env] = v;
    }
    return out;
  }
}
