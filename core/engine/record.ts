/**
 * What travels through a flow: a record with its lineage, and what a node made of it.
 * The engine owns routing and counting; a node only says, per input record, one outcome.
 */

/** What a target did (or, in a dry run, would do) with a record. */
export type TargetAction = 'create' | 'update' | 'unchanged';

/** One step of a record's lineage: which node saw it and what it made of it. */
export interface LineageStep {
  node: string;
  /** The output port it left by (absent on the last step of a skipped or failed record). */
  port?: string;
  /** The record's data after this node, only when the node changed it. */
  data?: unknown;
  action?: TargetAction;
  targetId?: string;
  /** What the target system answered (capped when stored). */
  answer?: unknown;
  note?: string;
  error?: string;
  /** The field an error concerns, when the node knows it. */
  field?: string;
  /**
   * Set by the engine from the node's word (`emitChanged`): the only top-level fields the node
   * set; every other field of `data` is its input's, as it was. The history then stores just
   * those instead of comparing the two records. Never stored itself.
   */
  changed?: readonly string[];
  /**
   * Set by the engine from the node's word (`emitRebuilt`): `data` is a new record, not a copy of
   * the input. Without `changed` it kept no field of its input (stored whole); with it, every field
   * of `data` not in `changed` is its input's as it was, and the input's fields not in `data` were
   * dropped. Never stored itself.
   */
  rebuilt?: true;
}

/**
 * The document a record first came from: for a record read where it was made, the record itself;
 * for one Sincro wrote there from another app, that app's document (read from its origin marker,
 * core/connectors/shared/origin-marker.ts). Set by the source node (`originOf`).
 */
export interface RecordOrigin {
  /** The app, as node types name it: "mplus", "teamleader". */
  app: string;
  /** "order", "invoice", "quotation" (or "document" when an older marker did not say). */
  entity: string;
  id: string;
}

export interface Rec {
  /** Order of creation within the run; unique per record copy. */
  seq: number;
  /** The source system's key of the record this one descends from. */
  key: string;
  /** Its human key (order reference, email, SKU), when the source declares one (`labelOf`). */
  label?: string;
  /** The source node that produced it. */
  source: string;
  /** Where the record's document was first made, when its source says (documents do). */
  origin?: RecordOrigin;
  data: unknown;
  /** The input port it arrived on at the node that now holds it. */
  port: string;
  trail: LineageStep[];
  /** The JSON text its source read its data from, when it read one (see SourceText). */
  sourceText?: SourceText;
}

/**
 * What a source read, as text: `json` is the text `of` was parsed from. The history stores the
 * source's data as this text, which costs nothing, instead of serialising it again; it is used only
 * while the record's first step still holds that very object.
 */
export interface SourceText {
  of: unknown;
  json: string;
}

/** An error that concerns one record; the message is meant for the user. */
export class RecordError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RecordError';
  }
}

/**
 * The target says the record a write refers to does not exist there (deleted by a user, or never
 * saved before a crash). The id ledger then forgets it and the record is looked for again by its
 * natural key (target-write.ts).
 */
export class RecordGoneError extends RecordError {
  constructor(message: string, field?: string, code?: string) {
    super(message, field, code);
    this.name = 'RecordGoneError';
  }
}

export interface TargetResult {
  action?: TargetAction;
  targetId?: string;
  answer?: unknown;
  note?: string;
}

export type Outcome =
  | ({ kind: 'emit'; rec: Rec; port: string; data: unknown; changed?: readonly string[]; rebuilt?: true } & TargetResult)
  | ({ kind: 'skip'; rec: Rec; reason: string } & TargetResult)
  | { kind: 'fail'; rec: Rec; error: RecordError };

// A record that passes through a node without a target result (the usual case) costs one object.
export const emit = (rec: Rec, data: unknown, port = 'out', result?: TargetResult): Outcome => (result ? { kind: 'emit', rec, port, data, ...result } : { kind: 'emit', rec, port, data });
/**
 * A record sent on as a copy of its input with only these top-level fields set (a value map, a
 * table look-up, a mapping that keeps the other fields); see LineageStep.changed.
 */
export const emitChanged = (rec: Rec, data: unknown, changed: readonly string[], port = 'out'): Outcome => ({ kind: 'emit', rec, port, data, changed });
/**
 * A record sent on as a new one built from its input (a mapping): `changed` undefined when it
 * kept none of the input's fields, else the top-level fields it did not keep as they were; see
 * LineageStep.rebuilt.
 */
export const emitRebuilt = (rec: Rec, data: unknown, changed: readonly string[] | undefined, port = 'out'): Outcome => ({ kind: 'emit', rec, port, data, changed, rebuilt: true });
export const skip = (rec: Rec, reason: string, result: TargetResult = {}): Outcome => ({ kind: 'skip', rec, reason, ...result });
export const fail = (rec: Rec, error: unknown): Outcome => ({ kind: 'fail', rec, error: toRecordError(error) });

export const INTERNAL_ERROR = 'an error in Sincro itself, not in this record (please report it)';

/**
 * What failed a record, for the user. A TypeError or ReferenceError thrown by JavaScript itself in a
 * node ("Cannot read properties of undefined") is a mistake in Sincro's code, not in the record:
 * the message says so, so no one takes it for bad data and edits the record (and the invariants
 * over generated shops can tell the one from the other). Node's own TypeErrors carry a code
 * (ERR_INVALID_URL: a URL made from a record's value) and keep their message.
 */
export function toRecordError(error: unknown): RecordError {
  if (error instanceof RecordError) return error;
  if ((error instanceof TypeError || error instanceof ReferenceError) && (error as { code?: unknown }).code === undefined) return new RecordError(`${INTERNAL_ERROR}: ${error.message}`, undefined, 'internal');
  return new RecordError(errorMessage(error));
}

/** The message of anything thrown: JSONata, for one, throws plain objects with a message. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  const m = (error as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(error);
}
