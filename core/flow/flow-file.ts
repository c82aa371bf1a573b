/**
 * Reading and writing flow documents as JSON files (import / export), with errors that say which
 * file, which line and which field.
 */
import { readFileSync } from 'node:fs';
import { flowDocumentSchema, type FlowDocument, type FlowProblem } from '../api/flow-document';
import { documentHazards } from './document-limits';
import { unknownKeyMessages } from './strict-config';
import { describeIssue, formatPath } from './validate-flow';

export class FlowFileError extends Error {
  constructor(
    message: string,
    readonly problems: FlowProblem[] = [],
  ) {
    super(message);
    this.name = 'FlowFileError';
  }
}

/** Parses JSON and says where it breaks ("line 4, column 17") when it is not valid JSON. */
export function parseJsonText(text: string, where: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    let at = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      at = ` at line ${line}, column ${column}`;
    }
    throw new FlowFileError(`${where} is not valid JSON${at}: ${msg.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

export function parseFlowDocument(value: unknown, where: string): FlowDocument {
  const schemaVersion = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof schemaVersion === 'number' && schemaVersion > 1) {
    const message = `${where} was saved by a newer Sincro (flow format ${schemaVersion}; this version reads format 1). Update Sincro to open it.`;
    throw new FlowFileError(message, [{ path: 'schemaVersion', message }]);
  }
  // Before zod: it would overflow the stack on deep nesting, and drop a "__proto__" key unseen.
  const hazards = documentHazards(value);
  if (hazards.length) throw invalid(where, hazards);
  const parsed = flowDocumentSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const doc = value as { nodes?: Array<{ id?: unknown }> } | null;
  const problems = parsed.error.issues.flatMap((issue): FlowProblem[] => {
    const nodeIndex = issue.path[0] === 'nodes' && typeof issue.path[1] === 'number' ? issue.path[1] : undefined;
    const nodeId = nodeIndex !== undefined ? doc?.nodes?.[nodeIndex]?.id : undefined;
    const node = typeof nodeId === 'string' ? nodeId : undefined;
    const subject = (path: readonly PropertyKey[]) => (node !== undefined && path.length > 2 ? `Node "${node}": ${formatPath(path.slice(2))}` : formatPath(path) || 'the document');
    if (issue.code === 'unrecognized_keys') {
      const of = issue.path.length ? formatPath(issue.path) : 'a flow';
      return unknownKeyMessages(flowDocumentSchema, issue, 'field', of).map(({ key, message }) => ({ node, path: formatPath([...issue.path, key]), message: `${node !== undefined ? `Node "${node}": ` : ''}${message}` }));
    }
    return [{ node, path: formatPath(issue.path), message: `${subject(issue.path)} ${describeIssue(issue)}` }];
  });
  throw invalid(where, problems);
}

function invalid(where: string, problems: FlowProblem[]): FlowFileError {
  return new FlowFileError(`${where} is not a valid Sincro flow:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`, problems);
}

export function readFlowFile(path: string): FlowDocument {
  return parseFlowText(readFlowText(path), flowFileWhere(path));
}

/** How messages name a flow file ("The flow file a.json"). */
export const flowFileWhere = (path: string) => `The flow file ${path}`;

/** A flow file's text; a file that cannot be read is a FlowFileError saying why. */
export function readFlowText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(e)})`;
    throw new FlowFileError(`${flowFileWhere(path)} ${why}.`);
  }
}

/** A flow document from JSON text, `where` naming it in messages ("The flow file a.json"). */
export function parseFlowText(text: string, where: string): FlowDocument {
  return parseFlowDocument(parseJsonText(text, where), where);
}

export function serializeFlow(doc: FlowDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
