// What the graph page keeps across its panel being hidden and shown (webview/page-state.ts): the last
// layout and the user's tab; anything else in the state starts the page on the Graph tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPageState } from '../../src/graph-view/webview/page-state.js';
import { layoutPlan } from '../../src/graph-view/layout.js';

test('the tab and the layout an earlier page saved come back; junk is the start', () => {
  const layout = { key: '["a"]', layout: layoutPlan([{ id: 'a', path: 'a', kind: 'stub', name: 'a', stage: 1, needs: [] }]) };
  const saved = JSON.parse(JSON.stringify({ layout, tab: 'time' })) as unknown; // the webview state is JSON
  assert.deepEqual(readPageState(saved), { layout, tab: 'time' });
  assert.deepEqual(readPageState({ tab: 'graph' }), { layout: undefined, tab: 'graph' });
  for (const junk of [undefined, null, 'time', { tab: 'nope' }, { layout: { key: 1 } }]) assert.deepEqual(readPageState(junk), { layout: undefined, tab: 'graph' });
});
