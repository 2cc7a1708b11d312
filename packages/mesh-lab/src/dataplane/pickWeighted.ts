/**
 * Picks one item with probability weight / sum(weights), as Envoy's weighted clusters do.
 * Items with weight 0 are never picked; returns undefined when all weights are 0.
 */
export function pickWeighted<T extends { weight: number }>(
  items: readonly T[],
  random: () => number = Math.random,
): T | undefined {
  let total = 0;
  for (const item of items) total += Math.max(0, item.weight);
  if (total <= 0) return undefined;
  let point = random() * total;
  for (const item of items) {
    const w = Math.max(0, item.weight);
    if (point < w) return item;
    point -= w;
  }
  // Floating-point leftovers: the last item with weight.
  for (let i = items.length - 1; i >= 0; i--) if (items[i].weight > 0) return items[i];
  return undefined;
}
