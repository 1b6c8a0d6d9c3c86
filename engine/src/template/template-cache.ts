// Parsed templates of a document's previous analysis, for the next one to reuse. A language server
// re-analyses the same document on every keystroke, and almost every template in it is unchanged:
// parsing them again was about a fifth of what an analysis of a 5,000-step file allocated.
// `parseTemplate` is pure and its results are never mutated, so one result can serve every analysis.
import type { Template } from './ast.js';
import { parseTemplate } from './parse.js';

export class TemplateCache {
  private previous = new Map<string, Template>();
  private current = new Map<string, Template>();

  /** The parse of `value`, from this or the previous generation when it has been parsed before. */
  parse(value: string): Template {
    let t = this.current.get(value);
    if (t) return t;
    t = this.previous.get(value) ?? parseTemplate(value);
    this.current.set(value, t);
    return t;
  }

  /** Starts the next analysis: what the last one did not use is dropped at the one after. */
  nextGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
