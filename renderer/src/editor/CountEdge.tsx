/** An edge that carries, after (or during) a run, how many records went along it. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CountEdgeType } from './canvasTypes';
import { useShownCounts } from './useShownRun';

function CountEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<CountEdgeType>) {
  // A connection that runs back to the left (to the next line of a folded flow) goes around the
  // cards in right angles; a bezier would cut straight through the line above.
  const back = targetX < sourceX + 24;
  const [path, labelX, labelY] = back
    ? getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 16, offset: 20 })
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const { counts, running } = useShownCounts(data?.fromNode ?? '');
  const n = data ? counts?.out[data.fromPort] : undefined;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`flow-edge${selected ? ' selected' : ''}${running && n ? ' running' : ''}`} interactionWidth={16} />
      {n !== undefined ? (
        <EdgeLabelRenderer>
          <div className={`edge-count${n === 0 ? ' zero' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {n.toLocaleString()}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const CountEdge = memo(CountEdgeImpl);
