// YAML problems as `yaml-syntax` diagnostics on the token a person has to fix, in words a person
// understands: the `yaml` package reports many mistakes where it noticed them (the next line, the
// indentation, the end of the file) and follows one mistake with several restatements of it. Also
// one key written two ways in a mapping (`"1":` and `1:`), which the package does not report.
import { visit, type Document, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, LineIndex } from './types.js';
import { dataKey, isCollection, isMap, isScalar, isSeq, laterPair } from './yaml-nodes.js';

/** A problem as the yaml package reports one; `final` when Weft found it and worded it already. */
interface YamlProblem {
  pos: [number, number];
  code: string;
  message: string;
  final?: boolean;
}

/**
 * The document's errors, the first of each run of errors on adjacent lines only. After a tab used as
 * indentation, only further tabs: the package reads the lines after one with a structure the author
 * did not mean, and its errors there (`a block sequence may not be used as an implicit map key` on a
 * valid `- id: c`) are about that misreading.
 */
export function yamlErrors(doc: Document, text: string, lines: LineIndex): Diagnostic[] {
  const respelled = respelledKeys(doc, text);
  const problems: readonly YamlProblem[] = respelled.length ? [...doc.errors, ...respelled].sort((a, b) => a.pos[0] - b.pos[0]) : doc.errors;
  const out: Diagnostic[] = [];
  let lastLine = -2;
  let afterTab = false;
  for (const err of problems) {
    if (afterTab && err.code !== 'TAB_AS_INDENT') continue;
    if (err.code === 'TAB_AS_INDENT') afterTab = true;
    const [start, end] = err.pos;
    // A run ends at a line with no error: an error on the line after a skipped one is still in it.
    const line = lines.positionAt(start).line;
    const inRun = line <= lastLine + 1;
    lastLine = Math.max(lastLine, line);
    if (inRun) continue;
    const s = Math.min(start, text.length);
    const e = Math.min(Math.max(end, start), text.length);
    out.push(err.final ? { code: 'yaml-syntax', severity: 'error', message: err.message, range: { start: s, end: e } } : yamlDiagnostic(doc, text, err.code, yamlMessage(err.message), s, e));
  }
  return out;
}

/**
 * Keys that repeat a key of their mapping in another spelling (`"1":` and `1:`, `"":` and `~:`),
 * reported as the yaml package reports a repeated key (DUPLICATE_KEY) on the later one. The
 * package indexes a mapping's pairs by the key's value, so it keeps both and reports nothing,
 * while the data has one key, holding the later value. Only a key that is not a string (rare in a
 * workflow) is looked up again, in that index: no set, no allocation for the other keys.
 */
function respelledKeys(doc: Document, text: string): YamlProblem[] {
  const out: YamlProblem[] = [];
  const stack: unknown[] = [doc.value];
  let map: YAMLMap | undefined;
  // Map#forEach and indexed loops: no iterator for each of the file's thousands of collections.
  const onPair = (pair: Pair): void => {
    const { key, value } = pair;
    if (isCollection(value)) stack.push(value);
    if (!isScalar(key)) {
      if (isCollection(key)) stack.push(key);
      return;
    }
    const v = key.value;
    if (typeof v === 'string' || typeof v === 'symbol') return;
    const name = dataKey(key);
    const twin = name === undefined ? undefined : map!.values.get(name);
    if (twin) out.push(respelledKey(text, name!, twin, pair));
  };
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      map = node;
      node.values.forEach(onPair);
    } else if (isSeq(node)) {
      for (let i = 0; i < node.length; i++) if (isCollection(node[i])) stack.push(node[i]);
    }
  }
  return out;
}

/** The error for two pairs with one data key, on the later key, naming both spellings. */
function respelledKey(text: string, name: string, a: Pair, b: Pair): YamlProblem {
  const later = laterPair(a, b);
  const spelling = (p: Pair): { start: number; end: number; words: string } => {
    const r = (p.key as { range?: number[] }).range ?? [0, 0];
    const src = text.slice(r[0], r[1]).split('\n')[0]!.trimEnd();
    if (src) return { start: r[0]!, end: r[0]! + src.length, words: `'${src}'` };
    // An empty key has no text: mark the ':' after it.
    const colon = text.indexOf(':', r[0]);
    return { start: colon < 0 ? r[0]! : colon, end: (colon < 0 ? r[0]! : colon) + 1, words: 'an empty key' };
  };
  const at = spelling(later);
  const was = spelling(later === a ? b : a);
  const reads = name === '' ? "as an empty key ''" : `as '${name}'`;
  return {
    pos: [at.start, at.end],
    code: 'DUPLICATE_KEY',
    message: `${at.words} is the same key as ${was.words} earlier in this mapping (both read ${reads}); a key may appear only once`,
    final: true,
  };
}

/** `toJS` failed (an alias to an unknown anchor): point at the alias when that is the problem. */
export function expansionError(doc: Document, text: string, e: Error): Diagnostic {
  let range = { start: 0, end: Math.min(text.length, 1) };
  let message = `the YAML cannot be expanded: ${e.message}`;
  const anchors: string[] = [];
  visit(doc, {
    Node(_, node) {
      if (node.anchor && !anchors.includes(node.anchor)) anchors.push(node.anchor);
    },
    Alias(_, node) {
      if (node.range && !node.resolve(doc) && range.start === 0) {
        range = { start: node.range[0], end: node.range[1] };
        message = `unknown anchor '*${node.source}': define '&${node.source}' before this alias`;
      }
    },
  });
  if (range.start > 0 && anchors.length) message += ` (anchors in this file: ${anchors.map((a) => `&${a}`).join(', ')})`;
  return { code: 'yaml-syntax', severity: 'error', message, range };
}

/** Moves a YAML error onto the token a person has to fix. */
function yamlDiagnostic(doc: Document, text: string, code: string, message: string, start: number, end: number): Diagnostic {
  const diag = (s: number, e: number, m = message): Diagnostic => ({ code: 'yaml-syntax', severity: 'error', message: m, range: { start: s, end: e } });
  if (code === 'BAD_INDENT' && /flow (sequence|map)/.test(message)) {
    // Reported where the next line starts; the mistake is the bracket that was never closed.
    const open = unclosedBracket(text, start);
    if (open >= 0) {
      const close = text[open] === '[' ? ']' : '}';
      return diag(open, open + 1, `this '${text[open]}' is never closed: add '${close}' to end the ${text[open] === '[' ? 'list' : 'mapping'}`);
    }
  }
  if (code === 'BAD_INDENT' && /^[ \t]*$/.test(text.slice(start, end))) {
    // Reported on the indentation; point at the key that is indented wrongly instead.
    const m = /^[ \t]*([^\s:#][^\s:]*)/.exec(text.slice(start));
    if (m) {
      const s = start + m[0].length - m[1].length;
      return diag(s, s + m[1].length, `'${m[1]}' is not aligned with the keys above it: ${message}`);
    }
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && /compact mapping/i.test(message)) {
    // `shell: echo "status: ok"`: a plain value with ': ' in it reads as a key. Mark the value.
    const lineEnd = lineEndAt(text, start);
    const rest = restOfLine(text, start);
    if (/: /.test(rest) && !/^["'[{]/.test(rest)) return diag(start, start + rest.length, "this value contains ': ', which YAML reads as a key: put the whole value in quotes (or use a block scalar '|')");
    // A line indented deeper than the value above continues that value, and its ': ' then makes the
    // whole thing a key: the mistake is that line's indentation.
    const next = text.slice(lineEnd + 1, lineEndAt(text, lineEnd + 1)).replace(/\r$/, '');
    const m = /^([ \t]*)(\S.*?)\s*$/.exec(next);
    if (m && /: |:$/.test(m[2])) {
      const s0 = lineEnd + 1 + m[1].length;
      return diag(s0, s0 + m[2].length, `this line is indented deeper than the one above, so YAML reads it as part of the value '${rest}': line it up with the keys or items above`);
    }
  }
  if ((code === 'MISSING_CHAR' && /implicit map keys/i.test(message)) || code === 'MULTILINE_IMPLICIT_KEY') {
    // A key without its ':' (`shell echo hi`, `needs`, `steps` above its list): the package speaks
    // of implicit keys and map values. Mark the line's text and say what is missing.
    const line = restOfLine(text, start);
    const m = /^([A-Za-z_][\w-]*)(?:\s+(\S.*))?$/.exec(line);
    if (m) {
      const fix = m[2] === undefined ? `${m[1]}:` : `${m[1]}: ${m[2]}`;
      return diag(start, start + line.length, `'${m[1]}' is not followed by ':', so YAML cannot read it as a key: write '${fix}'`);
    }
  }
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\s]+/.exec(text.slice(start))?.[0];
    if (key) return diag(start, start + key.length, `'${key}' appears twice in this mapping; a key may appear only once`);
  }
  if (code === 'MISSING_CHAR' && /quote/.test(message)) {
    // Reported where the string stops (the end of a line, or of the file); mark the string's first
    // line from its opening quote instead.
    let open: [number, number] | undefined;
    visit(doc, {
      Scalar(_, node) {
        const r = node.range;
        if (!r || (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') || r[0] > start) return;
        const q = text[r[0]];
        if (r[1] - r[0] < 2 || text[r[1] - 1] !== q) open = [r[0], r[1]];
      },
    });
    if (open) {
      const stop = Math.min(open[1], lineEndAt(text, open[0]));
      return diag(open[0], stop, `this string has no closing ${text[open[0]]}: add it where the string ends`);
    }
  }
  return diag(start, end);
}

/** Where the line holding `at` ends: the offset of its '\n', or the text's length. */
function lineEndAt(text: string, at: number): number {
  const i = text.indexOf('\n', at);
  return i < 0 ? text.length : i;
}

/** The text from `at` to the end of its line, without the blanks and comment that end it. */
function restOfLine(text: string, at: number): string {
  return text.slice(at, lineEndAt(text, at)).replace(/\s+(#.*)?$/, '');
}

/** Offset of the last `[` or `{` before `at` that is not closed before it (outside quotes and comments), or -1. */
function unclosedBracket(text: string, at: number): number {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      else if (c === '\n' && stack.length === 0) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < at && text[i] !== '\n') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (stack.length > 0 || /[\s:[{,-]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  return stack.length ? stack[stack.length - 1] : -1;
}

function yamlMessage(message: string): string {
  // The yaml package reads nested collections recursively: thousands of levels overflow its stack.
  if (/maximum call stack size exceeded/i.test(message)) return 'the YAML is nested too deeply to be read (thousands of levels of collections)';
  const first = message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '').trim();
  return first.charAt(0).toLowerCase() + first.slice(1);
}

