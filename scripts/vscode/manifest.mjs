// Writes the VS Code keys of package.json that the extension owns (contributes, activationEvents,
// capabilities, icon, categories, keywords, repository, galleryBanner, scripts test:vscode/package).
// It reads the current file, touches only those keys, and writes it back, so other engineers' keys
// are never overwritten from a stale copy. Run: node scripts/vscode/manifest.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.join(root, 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));

const patterns = ['*.weft.yaml', '*.weft.yml', '*.workflow.yaml', '*.workflow.yml'];
const isWeft = 'resourceLangId == weft';
const cmd = (command, title, icon, extra = {}) => ({ command, title, category: 'Weft', ...(icon ? { icon: `$(${icon})` } : {}), ...extra });

pkg.icon = 'images/icon.png';
pkg.categories = ['Programming Languages', 'Linters', 'Other'];
pkg.keywords = ['workflow', 'yaml', 'parallel', 'pipeline', 'dag', 'llm', 'automation'];
pkg.repository = { type: 'git', url: 'https://github.com/weft-dev/weft.git' };
pkg.galleryBanner = { color: '#1e2a3a', theme: 'dark' };
pkg.capabilities = {
  untrustedWorkspaces: {
    supported: 'limited',
    description: 'Editing features (diagnostics, completion, hover, graph) work in Restricted Mode. Running a workflow executes its shell, http, file and llm steps, so it needs a trusted workspace.',
    restrictedConfigurations: ['weft.llm.baseUrl', 'weft.llm.provider', 'weft.llm.model', 'weft.maxConcurrency'],
  },
  virtualWorkspaces: { supported: 'limited', description: 'Running workflows needs files on disk.' },
};
pkg.activationEvents = ['onLanguage:weft', 'onView:weft.runs'];
pkg.contributes = {
  languages: [{
    id: 'weft',
    aliases: ['Weft Workflow', 'weft'],
    filenamePatterns: patterns,
    configuration: './language-configuration.json',
    icon: { light: './images/icon.png', dark: './images/icon.png' },
  }],
  grammars: [
    { language: 'weft', scopeName: 'source.weft', path: './syntaxes/weft.tmLanguage.json' },
    { scopeName: 'template.weft.injection', path: './syntaxes/weft-template.injection.tmLanguage.json', injectTo: ['source.weft'] },
  ],
  commands: [
    cmd('weft.run', 'Run Workflow', 'play'),
    cmd('weft.runWithInputs', 'Run Workflow with Inputs…', 'debug-alt'),
    cmd('weft.cancel', 'Cancel Run', 'debug-stop'),
    cmd('weft.rerun', 'Re-run', 'refresh'),
    cmd('weft.rerunFailed', 'Re-run Failed Steps (Resume)', 'debug-restart'),
    cmd('weft.showStepOutput', 'Show Step Output', 'output'),
    cmd('weft.revealStep', 'Reveal Step in Workflow', 'go-to-file'),
    cmd('weft.clearRuns', 'Clear Finished Runs', 'clear-all'),
    cmd('weft.showGraph', 'Show Workflow Graph', 'type-hierarchy'),
    cmd('weft.setApiKey', 'Set LLM API Key…', 'key'),
  ],
  menus: {
    'editor/title': [
      { command: 'weft.run', when: `${isWeft} && !weft.running`, group: 'navigation@1' },
      { command: 'weft.cancel', when: `${isWeft} && weft.running`, group: 'navigation@1' },
      { command: 'weft.showGraph', when: isWeft, group: 'navigation@2' },
    ],
    'editor/context': [
      { command: 'weft.run', when: isWeft, group: 'weft@1' },
      { command: 'weft.runWithInputs', when: isWeft, group: 'weft@2' },
      { command: 'weft.showGraph', when: isWeft, group: 'weft@3' },
    ],
    'explorer/context': [{ command: 'weft.run', when: isWeft, group: 'weft@1' }],
    'view/title': [
      { command: 'weft.run', when: 'view == weft.runs', group: 'navigation@1' },
      { command: 'weft.clearRuns', when: 'view == weft.runs', group: 'navigation@2' },
    ],
    'view/item/context': [
      { command: 'weft.cancel', when: 'view == weft.runs && viewItem =~ /run-running/', group: 'inline@1' },
      { command: 'weft.rerun', when: 'view == weft.runs && viewItem =~ /run-(succeeded|failed|cancelled)/', group: 'inline@1' },
      { command: 'weft.rerunFailed', when: 'view == weft.runs && viewItem =~ /run-(failed|cancelled)/', group: 'inline@2' },
      { command: 'weft.showStepOutput', when: 'view == weft.runs && viewItem =~ /^step/', group: 'inline@1' },
      { command: 'weft.revealStep', when: 'view == weft.runs && viewItem =~ /^step/', group: 'inline@2' },
      { command: 'weft.showGraph', when: 'view == weft.runs && viewItem =~ /^run/', group: 'more@1' },
    ],
    commandPalette: [
      { command: 'weft.showStepOutput', when: 'false' },
      { command: 'weft.revealStep', when: 'false' },
      { command: 'weft.cancel', when: 'weft.running' },
    ],
  },
  viewsContainers: { activitybar: [{ id: 'weft', title: 'Weft', icon: '$(type-hierarchy-sub)' }] },
  views: { weft: [{ id: 'weft.runs', name: 'Runs', icon: '$(type-hierarchy-sub)', contextualTitle: 'Weft' }] },
  viewsWelcome: [
    {
      view: 'weft.runs',
      when: 'isWorkspaceTrusted',
      contents: 'No runs yet. Open a workflow (*.weft.yaml) and run it: independent steps run in parallel and appear here live.\n[$(play) Run Workflow](command:weft.run)',
    },
    {
      view: 'weft.runs',
      when: '!isWorkspaceTrusted',
      contents: 'No runs yet. This workspace is in Restricted Mode: editing works, but running a workflow executes its steps, so it needs a trusted workspace.\n[$(play) Run Workflow](command:weft.run)\n[$(shield) Manage Workspace Trust](command:workbench.trust.manage)',
    },
  ],
  configuration: {
    title: 'Weft',
    properties: {
      'weft.maxConcurrency': { type: ['integer', 'null'], minimum: 1, default: null, markdownDescription: 'Override `config.maxConcurrency` for runs started from the editor (leaf steps at once). Unset: the workflow decides (default 10).' },
      'weft.llm.provider': { type: 'string', enum: ['', 'openai', 'anthropic', 'ollama'], default: '', markdownDescription: 'Default LLM provider for `llm` steps that do not set one. The API key is stored with **Weft: Set LLM API Key…**, never in settings.' },
      'weft.llm.model': { type: 'string', default: '', description: 'Default model for llm steps that do not set one.' },
      'weft.llm.baseUrl': { type: 'string', default: '', description: 'Base URL of an OpenAI-compatible server (for example a local Ollama: http://127.0.0.1:11434/v1).' },
      'weft.runs.keep': { type: 'integer', minimum: 1, default: 50, description: 'How many finished runs to keep in .weft/runs (older run records are deleted).' },
    },
  },
};
pkg.scripts = pkg.scripts ?? {};
pkg.scripts['test:vscode'] = 'node --import tsx scripts/vscode/run-code-server.ts';
pkg.scripts['package'] = 'npm run build && vsce package --no-dependencies --out weft-$npm_package_version.vsix';
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
console.log('package.json: VS Code keys written');
