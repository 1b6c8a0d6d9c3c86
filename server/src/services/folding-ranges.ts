// Folding ranges, for editors that fold by what the server says (Neovim, Helix, Emacs, and VS Code,
// which uses them instead of its indentation folding once a server offers them): every key whose
// value goes on past its own line (a step list, a step, a `run: |` script, a flow mapping written
// over lines) folds from the key's line to the value's last line; so does a list item over several
// lines (a step). Two or more comment lines in a row fold as a comment, and `# region` ...
// `# endregion` as a region, as the language configuration's markers do. Text whose YAML has errors
// gets null: the editor then folds by indentation, as it did without a server.
import type { FoldingRange } from 'vscode-languageserver-types';
import { FoldingRangeKind } from 'vscode-languageserver-types';
import { visit, type Node as YamlNode } from 'yaml';
import { isCollection, isPair, isScalar } from '../../../engine/src/model/yaml-nodes.js';
import type { Analysed } from './context.js';
import { splitLines } from '../engine-api.js';

const REGION_START = /^\s*#\s*region\b/;
const REGION_END = /^\s*#\s*endregion\b/;

/** The offset of the last character of `text[start, end)` that is not white space (start when none). */
function lastContent(text: string, start: number, end: number): number {
  let i = Math.min(end, text.length) - 1;
  while (i > start && /\s/.test(text[i]!)) i--;
  return i;
}

export function foldingRanges(d: Analysed): FoldingRange[] | null {
  const doc = d.analysis.model.yaml;
  if (!doc || doc.errors.length) return null;
  const text = d.text;
  const line = (offset: number) => d.positionAt(offset).line;
  const byStart = new Map<number, FoldingRange>();
  const add = (startLine: number, endLine: number, kind?: FoldingRange['kind']) => {
    if (endLine <= startLine) return;
    const had = byStart.get(startLine);
    // One range per start line (editors keep one), the widest.
    if (!had || had.endLine < endLine) byStart.set(startLine, { startLine, endLine, ...(kind ? { kind } : {}) });
  };
  /** Offsets of the lines inside block scalars: a `#` there is script text, not a YAML comment. */
  const scalarLines = new Set<number>();
  const spanOf = (n: YamlNode) => (n.range ? { start: n.range[0], end: lastContent(text, n.range[0], n.range[1]) } : undefined);
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair)) return;
      const key = pair.key as YamlNode | null;
      const value = pair.value as YamlNode | null;
      const k = key?.range ? key.range[0] : undefined;
      const v = value ? spanOf(value) : undefined;
      if (k !== undefined && v) add(line(k), line(v.end));
    },
    Seq(_, seq) {
      for (const item of seq) {
        if (!isCollection(item) && !isScalar(item)) continue;
        const s = spanOf(item);
        if (s && !seq.flow) add(line(s.start), line(s.end));
      }
    },
    Scalar(_, s) {
      if ((s.type === 'BLOCK_LITERAL' || s.type === 'BLOCK_FOLDED') && s.range) {
        for (let l = line(s.range[0]) + 1; l <= line(lastContent(text, s.range[0], s.range[1])); l++) scalarLines.add(l);
      }
    },
  });
  const lines = splitLines(text);
  let run = -1;
  const regions: number[] = [];
  for (let l = 0; l <= lines.length; l++) {
    const t = l < lines.length && !scalarLines.has(l) ? lines[l]! : '';
    const marker = REGION_START.test(t) ? 'start' : REGION_END.test(t) ? 'end' : undefined;
    if (marker === 'start') regions.push(l);
    else if (marker === 'end' && regions.length) add(regions.pop()!, l, FoldingRangeKind.Region);
    // A region's marker is not part of a comment block.
    const comment = !marker && /^\s*#/.test(t);
    if (comment && run < 0) run = l;
    if (!comment && run >= 0) {
      add(run, l - 1, FoldingRangeKind.Comment);
      run = -1;
    }
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
