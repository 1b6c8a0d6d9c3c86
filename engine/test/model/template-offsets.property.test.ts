// Property test (fast-check): in every kind of scalar (plain, quoted, literal and folded blocks, over
// several lines, with blank lines, blanks before line breaks, escapes), at any indentation (a few
// spaces or past 256) and with LF or CRLF, each `${...}` maps back to the source characters that
// spell it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseWorkflow } from '../../src/model/parse.js';

const TEMPLATE = '${steps.fetch.output}';
const word = fc.oneof(
  { weight: 3, arbitrary: fc.constant(TEMPLATE) },
  { weight: 7, arbitrary: fc.constantFrom('a', 'bb', 'c#d', "it's", 'q"q', 'x\\y', '\t', 'ü', '😀') },
);
const line = fc.tuple(fc.array(word, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([ws, spaced]) => (spaced ? '  ' : '') + ws.join(' '));
const lines = fc.array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: fc.constant('') }), { minLength: 1, maxLength: 5 });
const style = fc.constantFrom('|', '|-', '>', '>+', 'plain', 'single', 'double');

/** The value of `prompt:` in the given style, its lines indented `pad`; undefined when the style cannot hold them. */
function scalar(kind: string, ls: string[], pad: string, trailing: string, escapedBreak: boolean): string | undefined {
  const content = ls.filter((l) => l.trim());
  if (!content.length) return undefined;
  if (kind[0] === '|' || kind[0] === '>') return `${kind}\n` + ls.map((l) => (l ? pad + l : '')).join('\n');
  if (kind === 'single') return `'` + ls.map((l) => l.trim().replace(/'/g, "''")).join(`${trailing}\n${pad}`) + `'`;
  if (kind === 'double') {
    const esc = ls.map((l) => l.trim().replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t'));
    return `"` + esc.join(escapedBreak ? ` \\\n${pad}` : `${trailing}\n${pad}`) + `"`;
  }
  // Plain: no indicator first, no `: ` or ` #`, no quote (a plain scalar may hold them, but simply).
  const plain = content.map((l) => l.trim()).filter((l) => /^[a-z$]/.test(l) && !/[:#'"\\]/.test(l));
  return plain.length ? plain.join(`${trailing}\n${pad}`) : undefined;
}

describe('template offsets: property', () => {
  it('every ${...} maps to its own source text, whatever the scalar, indentation and line breaks', () => {
    fc.assert(
      fc.property(style, lines, fc.constantFrom(0, 1, 6, 255, 300), fc.constantFrom('', ' \t', ' '.repeat(300)), fc.boolean(), fc.boolean(), (kind, ls, extra, trailing, escapedBreak, crlf) => {
        const body = scalar(kind, ls, ' '.repeat(8 + extra), trailing, escapedBreak);
        if (body === undefined) return;
        let text = `steps:\n  - id: fetch\n    stub: true\n  - id: a\n    llm:\n      prompt: ${body}\n`;
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const m = parseWorkflow(text, '/w/p.weft.yaml');
        if (m.parseDiagnostics.length) return;
        for (const ts of m.allSteps.flatMap((s) => s.templates)) {
          for (const part of ts.template.parts) {
            if (part.kind !== 'expr') continue;
            const want = ts.value.slice(part.range.start, part.range.end);
            assert.equal(text.slice(ts.toSource(part.range.start), ts.toSource(part.range.end)), want, JSON.stringify(text));
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
