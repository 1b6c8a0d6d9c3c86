// The schema works without Weft: a file that starts with
// `# yaml-language-server: $schema=<path to weft.schema.json>` is validated by Red Hat's YAML language
// service (what the VS Code YAML extension runs), here driven through its language service API.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

function service() {
  const requested: string[] = [];
  const ls = getLanguageService({
    schemaRequestService: async (uri: string) => {
      requested.push(uri);
      return fs.readFileSync(uri.startsWith('file:') ? fileURLToPath(uri) : uri, 'utf8');
    },
    workspaceContext: { resolveRelativePath: (rel: string, resource: string) => new URL(rel, resource).toString() },
  });
  ls.configure({ validate: true, hover: true, completion: true });
  return { ls, requested };
}

let version = 1;
function open(file: string, text = fs.readFileSync(file, 'utf8')): TextDocument {
  // A new version each time: the service caches parsed documents by URI and version.
  return TextDocument.create(pathToFileURL(file).toString(), 'yaml', version++, text);
}

describe('weft.schema.json in yaml-language-server', () => {
  it('loads the schema named by the modeline and finds no problem in a file using every form', async () => {
    const { ls, requested } = service();
    const diagnostics = await ls.doValidation(open(fixture('all-forms.weft.yaml')), false);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
    assert.ok(requested.some((u) => u.endsWith('/schemas/weft.schema.json')), `schema requested: ${requested.join(', ')}`);
  });

  it('finds no problem in any bundled example', async () => {
    const { ls } = service();
    const dir = path.resolve(__dirname, '../../../examples');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(weft|workflow)\.ya?ml$/.test(f)) : [];
    for (const f of files) {
      const file = path.join(dir, f);
      const rel = path.relative(path.dirname(file), path.resolve(__dirname, '../../../schemas/weft.schema.json')).split(path.sep).join('/');
      const text = `# yaml-language-server: $schema=${rel}\n${fs.readFileSync(file, 'utf8')}`;
      const diagnostics = await ls.doValidation(open(file, text), false);
      assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}: ${d.message}`), [], f);
    }
  });

  it('reports an unknown key, a bad enum value, a bad duration and a step without an action', async () => {
    const { ls } = service();
    const doc = open(fixture('broken-for-yls.weft.yaml'));
    const diagnostics = await ls.doValidation(doc, false);
    const at = (line: number) => diagnostics.filter((d) => d.range.start.line + 1 === line).map((d) => d.message);
    assert.ok(at(3).some((m) => /maxConcurency/.test(m) && /not allowed/.test(m)), JSON.stringify(diagnostics));
    assert.ok(at(7).some((m) => /GET/.test(m)), JSON.stringify(diagnostics));
    assert.ok(at(9).length > 0, `duration on line 9: ${JSON.stringify(diagnostics)}`);
    assert.ok(diagnostics.some((d) => d.range.start.line + 1 >= 10 && /shell|http|llm|stub|workflow/.test(d.message)), JSON.stringify(diagnostics));
    const unknown = diagnostics.find((d) => /maxConcurency/.test(d.message))!;
    assert.equal(doc.getText(unknown.range), 'maxConcurency');
  });

  it('shows the schema description on hover', async () => {
    const { ls } = service();
    const text = fs.readFileSync(fixture('all-forms.weft.yaml'), 'utf8');
    const doc = open(fixture('all-forms.weft.yaml'), text);
    const offset = text.indexOf('maxConcurrency: 10') + 3;
    const hover = await ls.doHover(doc, doc.positionAt(offset));
    const contents = JSON.stringify(hover?.contents ?? '');
    assert.match(contents, /Leaf steps running at once/);
  });

  it('offers the step keys in completion', async () => {
    const { ls } = service();
    const text = '# yaml-language-server: $schema=../../../../schemas/weft.schema.json\nsteps:\n  - id: a\n    \n';
    const doc = open(fixture('completion.weft.yaml'), text);
    const list = await ls.doComplete(doc, { line: 3, character: 4 }, false);
    const labels = list.items.map((i) => i.label);
    for (const key of ['shell', 'http', 'llm', 'parallel', 'foreach', 'needs', 'timeout']) assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
  });
});
