/**
 * A run's records, loaded page by page as the list scrolls (a run can have millions), filtered by
 * outcome. Reloaded when the run finishes, so a live run's list ends complete.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunRecord } from '../../../core/api/contract';
import { call, errorText } from '../api/call';

const PAGE = 200;

export type RecordFilter = 'all' | 'ok' | 'skipped' | 'failed';

export function useRunRecords(runId: string | null, filter: RecordFilter, finished: boolean) {
  const [records, setRecords] = useState<RunRecord[]>([]);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const busy = useRef(false);
  const gen = useRef(0);
  const count = useRef(0);
  count.current = records.length;
  const last = useRef(-1);
  last.current = records.at(-1)?.seq ?? -1;

  useEffect(() => {
    gen.current++;
    busy.current = false;
    setRecords([]);
    setDone(false);
    setError(null);
  }, [runId, filter, finished]);

  const loadMore = useCallback(async () => {
    if (!runId || busy.current) return;
    busy.current = true;
    setLoading(true);
    const g = gen.current;
    try {
      const loaded = count.current;
      // The next page starts after the last record loaded (keyset: as fast deep in a run of millions).
      const page = await call('runs.records', { runId, limit: PAGE, afterSeq: last.current, ...(filter === 'all' ? {} : { status: filter }) });
      if (g !== gen.current) return;
      setRecords((r) => (r.length === loaded ? [...r, ...page] : r));
      if (page.length < PAGE) setDone(true);
    } catch (e) {
      if (g === gen.current) setError(errorText(e));
    } finally {
      if (g === gen.current) {
        busy.current = false;
        setLoading(false);
      }
    }
  }, [runId, filter]);

  useEffect(() => {
    if (runId && records.length === 0 && !done && !error) void loadMore();
  }, [runId, records.length, done, error, loadMore]);

  return { records, done, error, loading, loadMore };
}
