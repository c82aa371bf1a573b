/** The line drawn while connecting: red and dashed over a port that does not fit. */
import { getBezierPath, type ConnectionLineComponentProps } from '@xyflow/react';

export function ConnectionLine({ fromX, fromY, toX, toY, fromPosition, toPosition, connectionStatus }: ConnectionLineComponentProps) {
  const [path] = getBezierPath({ sourceX: fromX, sourceY: fromY, sourcePosition: fromPosition, targetX: toX, targetY: toY, targetPosition: toPosition });
  return (
    <g className={`connection-line ${connectionStatus ?? ''}`}>
      <path d={path} fill="none" />
      <circle cx={toX} cy={toY} r={4} />
    </g>
  );
}
