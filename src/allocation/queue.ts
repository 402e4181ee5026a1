/** Who picks next. Pure: the queue is derived from the round's rows, never stored twice. */
export interface QueueEntry {
  householdId: string;
  selectionOrder: number;
  batch: number;
  status: string;
  returnedInBatch: number | null;
}

export const batchOf = (position: number, batchSize: number): number => Math.ceil(position / batchSize);

/**
 * A household marked absent loses its turn but not its right: when it comes back during batch B
 * it picks after every waiting household of batch B, ahead of batch B + 1.
 */
function turnKey(entry: QueueEntry): [number, number, number] {
  return entry.returnedInBatch === null ? [entry.batch, 0, entry.selectionOrder] : [entry.returnedInBatch, 1, entry.selectionOrder];
}

function compareKeys(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function turnOrder<T extends QueueEntry>(entries: readonly T[]): T[] {
  return entries.filter((e) => e.status === 'waiting').sort((a, b) => compareKeys(turnKey(a), turnKey(b)));
}

export function nextInLine<T extends QueueEntry>(entries: readonly T[]): T | null {
  return turnOrder(entries)[0] ?? null;
}

/** The batch being served: that of the next household in line, or of the last one served. */
export function currentBatch(entries: readonly QueueEntry[]): number {
  const next = nextInLine(entries);
  if (next) return turnKey(next)[0];
  return entries.reduce((max, e) => Math.max(max, e.batch), 0);
}

/**
 * The batch a returning absent household picks after: the one being served when its turn has
 * passed; null (its own place in the order) when its turn has not come yet, so being marked
 * absent early never moves a household ahead of those before it.
 */
export function returnBatchFor(entries: readonly QueueEntry[], returning: QueueEntry): number | null {
  const next = nextInLine(entries);
  if (next && compareKeys(turnKey({ ...returning, returnedInBatch: null }), turnKey(next)) > 0) return null;
  return currentBatch(entries);
}
