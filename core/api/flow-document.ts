/**
 * The flow document: what a user draws, saves, exports and runs. Shared with the renderer (this
 * folder is the API contract and stays free of Node imports). Secrets never live here: a node that
 * talks to an app names a stored connection by id.
 */
import { z } from 'zod';

export const FLOW_SCHEMA_VERSION = 1;

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'is longer than 100 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may only contain letters, digits and . _ : -');

// Every object of the document's own structure refuses keys it does not know (a typo like "edge"
// for "edges" would otherwise drop every connection without a word). Node configs are checked
// against their node type's schema, also strictly (core/flow/strict-config.ts).
export const portRefSchema = z.strictObject({ node: id, port: z.string().min(1) });

/** At most this many test records can be pinned on one source. */
export const MAX_PINNED = 100;
export const pinnedRecordSchema = z.strictObject({ key: z.string().min(1).max(500), data: z.unknown() });

export const flowNodeSchema = z.strictObject({
  id,
  type: z.string().min(1),
  typeVersion: z.number().int().positive().default(1),
  label: z.string().max(200).optional(),
  /** Off: a source reads nothing, any other step does not run (core/engine/switched-off.ts). May be a setting, e.g. "{{settings.sendQuotations}}". */
  enabled: z.union([z.boolean(), z.string()]).optional(),
  position: z.strictObject({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  config: z.record(z.string(), z.unknown()).default({}),
  /**
   * Sources only: test records pinned by the user (as n8n pins data). Dry runs and the datamapper's
   * preview use them instead of reading the app; real runs never do.
   */
  pinned: z.array(pinnedRecordSchema).max(MAX_PINNED).optional(),
});

export const flowEdgeSchema = z.strictObject({
  id: z.string().optional(),
  from: portRefSchema,
  to: portRefSchema,
});

/** A sticky note on the canvas: words for the people who read the flow; it never runs. */
export const flowNoteSchema = z.strictObject({
  id,
  text: z.string().max(5000),
  position: z.strictObject({ x: z.number(), y: z.number() }),
  width: z.number().min(80).max(2000).optional(),
  height: z.number().min(40).max(2000).optional(),
});

/**
 * What a schedule does about times that passed while no scheduler ran (the computer slept or was
 * off, Sincro was closed or crashed): run once when it is back (the default: one run brings the
 * apps in sync again), or skip them and wait for the next time.
 */
export const CATCH_UP_POLICIES = ['once', 'skip'] as const;
export type CatchUpPolicy = (typeof CATCH_UP_POLICIES)[number];
export const DEFAULT_CATCH_UP: CatchUpPolicy = 'once';

export const scheduleSchema = z.strictObject({
  enabled: z.boolean().default(false),
  cron: z.string().min(1),
  timezone: z.string().optional(),
  /** Missed times: run once when back, or skip; absent means DEFAULT_CATCH_UP (flows saved before it existed). */
  catchUp: z.enum(CATCH_UP_POLICIES).optional(),
});

export const flowDocumentSchema = z.strictObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  id,
  name: z.string().min(1, 'a flow needs a name').max(200),
  description: z.string().max(5000).optional(),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema).default([]),
  /** Flow-wide settings (templates keep their questions' answers here); node configs refer to them as "{{settings.name}}". */
  settings: z.record(z.string(), z.unknown()).default({}),
  /** JSON Schema of the settings, with UI hints: the questions, their defaults and their rules. */
  settingsSchema: z.record(z.string(), z.unknown()).optional(),
  /** The template the flow was made from. */
  template: z.strictObject({ id: z.string().min(1), version: z.number().int().positive() }).optional(),
  schedule: scheduleSchema.optional(),
  /**
   * How much of each record's history runs keep: full (every step's data), changes (the source and
   * what each step changed: the default) or failures (failed records only, and the counts).
   */
  historyLevel: z.enum(['full', 'changes', 'failures']).optional(),
  /** Sticky notes on the canvas (issue 11). */
  notes: z.array(flowNoteSchema).max(500).optional(),
});

export type FlowDocument = z.infer<typeof flowDocumentSchema>;
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type FlowEdge = z.infer<typeof flowEdgeSchema>;
export type PortRef = z.infer<typeof portRefSchema>;
export type FlowNote = z.infer<typeof flowNoteSchema>;

export type NodeKind = 'source' | 'transform' | 'lookup' | 'target';

/** One problem found by validation, in words a user understands, pinned to a node and field. */
export interface FlowProblem {
  /** The node it concerns, when there is one. */
  node?: string;
  /** Where inside the node (e.g. "config.fields[2].expr") or the flow ("edges[3].to.port"). */
  path?: string;
  message: string;
}
