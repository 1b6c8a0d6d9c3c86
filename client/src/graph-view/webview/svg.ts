// The one DOM helper both drawings (draw-graph.ts, draw-timeline.ts) share: an SVG element with
// its attributes, appended to its parent.
const NS = 'http://www.w3.org/2000/svg';

export function el(tag: string, attrs: Record<string, string | number>, parent?: Element): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, String(attrs[k]));
  if (parent) parent.appendChild(e);
  return e;
}
