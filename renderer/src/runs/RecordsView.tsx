/**
 * A run's records: filter by outcome, find by key, a virtualised list (runs can be huge), and the
 * selected record's lineage beside it. Used in the editor's run panel and in the run history.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunRecord } from '../../../core/api/contract';
import { isMachineId, recordTitle } from '../lib/fields';
import { navigate } from '../state/useRouteStore';
import { RecordStatusBadge } from '../ui/StatusBadge';
import { LineageView, recordSentence, type StepInfo } from './LineageView';
import { useRunRecords, type RecordFilter } from './useRunRecords';

const ROW_H = 52;

interface RecordsViewProps {
  runId: string;
  dryRun: boolean;
  finished: boolean;
  counts: { ok: number; skipped: number; failed: number } | null;
  steps: ReadonlyMap<string, StepInfo>;
  initialSeq?: number;
  initialFilter?: RecordFilter;
}

function RecordName({ record }: { record: RunRecord }) {
  const title = record.label ?? recordTitle(record.lineage[0]?.data);
  if (!title || title === record.key) return <span className="mono record-key">{record.key}</span>;
  // A machine id (a GUID) says nothing to a person: the record's name is enough in the list.
  return (
    <span className="record-key" title={record.key}>
      {title} {isMachineId(record.key) || title.includes(record.key) ? null : <span className="mono muted small">{record.key}</span>}
    </span>
  );
}

export function RecordsView({ runId, dryRun, finished, counts, steps, initialSeq, initialFilter }: RecordsViewProps) {
  const [filter, setFilter] = useState<RecordFilter>(initialFilter ?? (counts?.failed ? 'failed' : 'all'));
  const [query, setQuery] = useState('');
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>(initialSeq);
  const { records, done, error, loading, loadMore } = useRunRecords(runId, filter, finished);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? records.filter((r) => r.key.toLowerCase().includes(q) || (r.label ?? '').toLowerCase().includes(q) || (r.message ?? '').toLowerCase().includes(q) || (recordTitle(r.lineage[0]?.data) ?? '').toLowerCase().includes(q)) : records;
  }, [records, query]);
  const selected: RunRecord | undefined = shown.find((r) => r.seq === selectedSeq) ?? (selectedSeq === undefined ? shown[0] : undefined);

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_H, overscan: 12 });
  const items = virtual.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (!done && !loading && !query && shown.length && lastIndex >= shown.length - 20) void loadMore();
  }, [lastIndex, shown.length, done, loading, loadMore, query]);

  const total = counts ? counts.ok + counts.skipped + counts.failed : undefined;
  const filters: Array<{ id: RecordFilter; label: string; n?: number }> = [
    { id: 'all', label: 'All', n: total },
    { id: 'ok', label: dryRun ? 'Would go through' : 'Done', n: counts?.ok },
    { id: 'skipped', label: dryRun ? 'Would be skipped' : 'Skipped', n: counts?.skipped },
    { id: 'failed', label: dryRun ? 'Would fail' : 'Failed', n: counts?.failed },
  ];

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = Math.max(0, shown.findIndex((r) => r.seq === selected?.seq));
    const next = shown[Math.min(shown.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      setSelectedSeq(next.seq);
      virtual.scrollToIndex(shown.indexOf(next));
    }
  };

  return (
    <div className="records-view">
      <div className="records-left">
        <div className="records-tools">
          <div className="segmented" role="group" aria-label="Show records">
            {filters.map((f) => (
              <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => (setFilter(f.id), setSelectedSeq(undefined))}>
                {f.label}
                {f.n !== undefined ? <span className="muted">{f.n.toLocaleString()}</span> : null}
              </button>
            ))}
          </div>
          <div className="search-box">
            <Search size={13} aria-hidden />
            <input className="input input-sm" type="search" placeholder="Find a record…" aria-label="Find a record in this run by key, name or message" value={query} onChange={(e) => setQuery(e.target.value)} />
          </div>
        </div>
        <div ref={scroller} className="records-list" tabIndex={0} role="listbox" aria-label="Records" aria-activedescendant={selected ? `rec-${runId}-${selected.seq}` : undefined} onKeyDown={onKeyDown}>
          {error ? <p className="text-fail small" style={{ padding: 12 }}>{error}</p> : null}
          {!shown.length && !loading && !error ? (
            <p className="muted small" style={{ padding: 12 }}>
              {query ? `No loaded record matches “${query}”.` : finished ? 'No records here.' : 'Records appear as they finish…'}
              {query ? (
                <>
                  {' '}
                  <button type="button" className="link-btn" onClick={() => navigate({ name: 'runs', key: query.trim() })}>
                    Search all runs
                  </button>
                </>
              ) : null}
            </p>
          ) : null}
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const r = shown[v.index] as RunRecord;
              const active = r.seq === selected?.seq;
              return (
                <div
                  key={r.seq}
                  id={`rec-${runId}-${r.seq}`}
                  role="option"
                  aria-selected={active}
                  className={`record-row${active ? ' active' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_H, transform: `translateY(${v.start}px)` }}
                  onClick={() => setSelectedSeq(r.seq)}
                >
                  <div className="row" style={{ gap: 6, minWidth: 0 }}>
                    <RecordStatusBadge status={r.status} dryRun={dryRun} action={r.action} />
                    <RecordName record={r} />
                  </div>
                  <div className="record-msg muted small">{recordSentence(r, steps.get(r.node)?.title ?? r.node, dryRun)}</div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <div className="records-right">{selected ? <LineageView record={selected} steps={steps} dryRun={dryRun} /> : <p className="muted small" style={{ padding: 12 }}>Select a record to follow it through the flow.</p>}</div>
    </div>
  );
}
