/**
 * Limits on the shape of parsed JSON, checked without recursion (so a value nested 100,000 deep is
 * refused, not a stack overflow): how deep it goes and how many values it holds.
 */
export interface ShapeLimits {
  maxDepth: number;
  maxNodes: number;
}

export function withinShape(value: unknown, { maxDepth, maxNodes }: ShapeLimits): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > maxNodes || depth > maxDepth) return false;
    if (typeof current !== 'object' || current === null) continue;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}
