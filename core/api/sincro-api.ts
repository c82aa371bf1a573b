/**
 * The one interface the renderer talks to. The desktop app implements it in the Electron preload
 * (IPC to main), the web host (`sincro serve`) over HTTP and WebSocket; both call the same core.
 * Everything here is plain data: no secrets ever cross it (connections show which secret fields
 * are set, never their values).
 */
import type { FlowDocument, FlowProblem } from './flow-document';
import type { RunEvent, RunStatus, RunSummary } from './run-model';

export interface FlowListItem {
  id: string;
  name: string;
  version: number;
  updatedAt: string;
  lastRun?: { id: string; status: string; startedAt: string };
}

export interface RunListItem {
  id: string;
  flowId: string;
  flowName: string;
  flowVersion: number | null;
  status: RunStatus;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  counts: { read: number; ok: number; skipped: number; failed: number } | null;
  error: string | null;
}

export interface SincroApi {
  listFlows(): Promise<FlowListItem[]>;
  getFlow(id: string, version?: number): Promise<{ doc: FlowDocument; version: number } | null>;
  saveFlow(doc: FlowDocument): Promise<{ version: number; problems: FlowProblem[] }>;
  validateFlow(doc: FlowDocument): Promise<FlowProblem[]>;
  startRun(flowId: string, options?: { dryRun?: boolean }): Promise<{ runId: string }>;
  cancelRun(runId: string): Promise<void>;
  listRuns(filter?: { flowId?: string; status?: RunStatus; limit?: number }): Promise<RunListItem[]>;
  getRun(runId: string): Promise<RunSummary | null>;
  /** Live run events; returns a function that stops listening. */
  onRunEvent(listener: (event: RunEvent) => void): () => void;
}
