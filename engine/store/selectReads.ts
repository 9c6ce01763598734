import type { Page, ReadQuery, ReadRecord } from '../api.ts';

/**
 * Applies a ReadQuery to reads in the order they were recorded: region, application, user and time
 * range; newest first (reads recorded at the same instant: the later recorded first); one page. The
 * stores without SQL (memory, files) use it, so every store answers alike.
 */
export function selectReads(recorded: Iterable<ReadRecord>, query: ReadQuery): Page<ReadRecord> {
  const from = query.from === undefined ? -Infinity : Date.parse(query.from);
  const to = query.to === undefined ? Infinity : Date.parse(query.to);
  const matching: { read: ReadRecord; at: number; order: number }[] = [];
  let order = 0;
  for (const read of recorded) {
    order++;
    if (read.region !== query.region) continue;
    if (query.applicationId !== undefined && read.applicationId !== query.applicationId) continue;
    if (query.userId !== undefined && read.userId !== query.userId) continue;
    const at = Date.parse(read.at);
    if (at < from || at >= to) continue;
    matching.push({ read, at, order });
  }
  matching.sort((a, b) => b.at - a.at || b.order - a.order);
  return { items: matching.slice(query.offset, query.offset + query.limit).map((m) => m.read), total: matching.length };
}
