// The big workflow the scale checks share (the engine's stall bench, the VS Code suite's Scale
// tests): a foreach over `items` whose every iteration holds parallel blocks nested four deep and a
// call of a small child file, as a real fan-out pipeline does; and that child file.

/** The called file, `name` as its workflow name: two steps, the second after the first. */
export function scaleChild(name: string): string {
  return `name: ${name}
inputs:
  x: none
steps:
  - id: c1
    stub: {output: "\${inputs.x}"}
  - id: c2
    needs: [c1]
    stub: true
`;
}

/**
 * A foreach over `items` items (`f0`, `f1`, ...), 10 at once, each with nested parallel blocks (one
 * stub in each iteration waits `delay`, the others are instant) and then a call of `child` (a path
 * beside the file); a step before and one after.
 */
export function scaleWorkflow(opts: { name: string; items: number; delay: string; child: string }): string {
  const items = Array.from({ length: opts.items }, (_, i) => `f${i}`).join(', ');
  return `name: ${opts.name}
config:
  maxConcurrency: 10
steps:
  - id: prep
    stub: {output: ready}
  - id: each
    needs: [prep]
    foreach:
      items: [${items}]
      maxConcurrency: 10
      steps:
        - id: nest
          parallel:
            branches:
              a:
                - id: n2
                  parallel:
                    branches:
                      b:
                        - id: n3
                          parallel:
                            branches:
                              c:
                                - id: n4
                                  parallel: [ {id: deep1, stub: {output: "\${item}", delay: ${opts.delay}}}, {id: deep2, stub: true} ]
                              d:
                                - id: leaf3
                                  stub: true
                      e:
                        - id: leaf2
                          stub: true
              z:
                - id: leaf1
                  stub: true
        - id: child
          needs: [nest]
          workflow:
            path: ./${opts.child}
            inputs: {x: "\${item}"}
  - id: tail
    needs: [each]
    stub: true
`;
}
