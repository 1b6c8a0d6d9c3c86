// What a dry run shows where a value would be that it does not have: `<steps.a.output>` for a step's
// output, `<inputs.who>` for a required input it was not given, `<item of ...>` for a foreach's
// items, and, made from those, `<fromJson(steps.a.output)>` for a function given one and
// `<steps.a.output.name>` for a field of one (template/evaluate.ts asks placeholderText). One
// reading of them for resolve.ts, blocks.ts and workflow-frame.ts.

const START = String.raw`<(?:steps\.|inputs\.|item of |[A-Za-z_]\w*\()`;
const WHOLE = new RegExp(String.raw`^${START}[\s\S]*>$`);
const INSIDE = new RegExp(START);

/** The placeholder naming `text` (`steps.a.output` -> `<steps.a.output>`). */
export function placeholder(text: string): string {
  return `<${text}>`;
}

/** The text `v` names when it is a whole placeholder, else undefined. */
export function placeholderText(v: unknown): string | undefined {
  return typeof v === 'string' && WHOLE.test(v) ? v.slice(1, -1) : undefined;
}

/** Whether text holds a placeholder anywhere (`got <steps.a.output>`, a workflow step's input). */
export function holdsPlaceholder(v: string): boolean {
  return INSIDE.test(v);
}
