/**
 * Sandbox rules for relations (customers) and employees.
 */
import { z } from 'zod';
import { employeeSchema, getEmployeesRequestSchema, getRelationsRequestSchema, relationSchema, type MplusRelation, type MplusRelationInput } from '../schemas';
import type { JsObject } from '../xml-codec';
import { mergeFields, syncWindow, typed } from './soap-fault';
import type { MplusSandboxStore } from './store';

/** Stores a relation with a fresh syncMarker (also used to load the seed). */
export function insertRelation(store: MplusSandboxStore, input: MplusRelationInput & { relationNumber: number }): MplusRelation {
  const now = store.nowIso();
  const existing = store.relations.get(input.relationNumber);
  const base = existing ?? { active: true, createTimestamp: now };
  const relation = relationSchema.parse({ ...mergeFields('Relation', base, input), syncMarker: store.bump('relation'), changeTimestamp: now });
  store.relations.set(input.relationNumber, relation);
  return relation;
}

export function getRelations(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(getRelationsRequestSchema, body['request'], 'request');
  let relations = [...store.relations.values()];
  if (req.relationNumbers?.length) relations = relations.filter((r) => req.relationNumbers?.includes(r.relationNumber ?? -1));
  if (req.categoryId !== undefined) relations = relations.filter((r) => r.categoryIds?.includes(req.categoryId ?? -1));
  return { relationList: syncWindow(relations, (r) => r.syncMarker ?? 0, req.syncMarker, req.syncMarkerLimit) };
}

/** The fields findRelation searches, per the vendor's relations tutorial. */
const SEARCHABLE = [
  'extRelationId', 'name', 'address', 'zipcode', 'city', 'country', 'deliveryAddress', 'deliveryZipcode', 'deliveryCity',
  'deliveryCountry', 'contact', 'telephone', 'mobile', 'email', 'website', 'relationCode', 'cardNumber', 'bankAccountNumber',
] as const;

/**
 * Case-insensitive partial match on every given field (all must match); `exact` (findRelationV2's
 * exactMatch) compares whole values, still ignoring case [INFERRED]. The lowest relationNumber wins.
 */
export function findRelation(store: MplusSandboxStore, search: unknown, exact: boolean): JsObject {
  const criteria = typed(relationSchema, search, 'relation') as Record<string, unknown>;
  const tests: ((r: MplusRelation) => boolean)[] = [];
  for (const field of SEARCHABLE) {
    const wanted = criteria[field];
    if (typeof wanted !== 'string' || wanted === '') continue;
    const w = wanted.toLowerCase();
    tests.push((r) => {
      const v = (r as Record<string, unknown>)[field];
      return typeof v === 'string' && (exact ? v.toLowerCase() === w : v.toLowerCase().includes(w));
    });
  }
  if (typeof criteria['relationNumber'] === 'number') tests.push((r) => r.relationNumber === criteria['relationNumber']);
  const hit =
    tests.length === 0
      ? undefined
      : [...store.relations.values()].sort((a, b) => (a.relationNumber ?? 0) - (b.relationNumber ?? 0)).find((r) => tests.every((t) => t(r)));
  return hit ? { result: 'FIND-RELATION-RESULT-OK', relation: hit } : { result: 'FIND-RELATION-RESULT-NOT-FOUND' };
}

export function createRelation(store: MplusSandboxStore, body: JsObject): JsObject {
  const relation = typed(relationSchema, body['relation'], 'relation');
  const failed = (result: string, errorMessage: string) => ({ result, relationNumber: 0, errorMessage });
  if (relation.relationNumber !== undefined && store.relations.has(relation.relationNumber)) {
    return failed('CREATE-RELATION-RESULT-FAILED-RELATION-NUMBER-ALREADY-TAKEN', `Relation number ${relation.relationNumber} is already taken.`);
  }
  if (relation.relationNumber !== undefined && relation.relationNumber <= 0) return failed('CREATE-RELATION-RESULT-FAILED', 'The relation number must be positive.');
  if (!relation.name?.trim() && !relation.companyName?.trim()) return failed('CREATE-RELATION-RESULT-FAILED', 'A relation needs a name.');
  const relationNumber = relation.relationNumber ?? Math.max(0, ...store.relations.keys()) + 1;
  const stored = insertRelation(store, { ...relation, relationNumber });
  return { result: 'CREATE-RELATION-RESULT-OK', relationNumber, changeTimestamp: stored.changeTimestamp, syncMarker: stored.syncMarker, errorMessage: '' };
}

export function updateRelation(store: MplusSandboxStore, body: JsObject): JsObject {
  const relation = typed(relationSchema, body['relation'], 'relation');
  if (relation.relationNumber === undefined) return { result: 'UPDATE-RELATION-RESULT-FAILED', errorMessage: 'relationNumber is required.' };
  if (!store.relations.has(relation.relationNumber)) {
    return { result: 'UPDATE-RELATION-RESULT-NOT-FOUND', errorMessage: `Relation ${relation.relationNumber} does not exist.` };
  }
  const stored = insertRelation(store, { ...relation, relationNumber: relation.relationNumber });
  return { result: 'UPDATE-RELATION-RESULT-OK', errorMessage: '', changeTimestamp: stored.changeTimestamp, syncMarker: stored.syncMarker };
}

export function insertEmployee(store: MplusSandboxStore, input: z.input<typeof employeeSchema> & { employeeNumber: number }): void {
  const now = store.nowIso();
  store.employees.set(input.employeeNumber, employeeSchema.parse({ active: true, createTimestamp: now, ...input, syncMarker: store.bump('employee'), changeTimestamp: now }));
}

export function getEmployees(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(getEmployeesRequestSchema, body['request'], 'request');
  let employees = [...store.employees.values()];
  if (req.employeeNumbers?.length) employees = employees.filter((e) => req.employeeNumbers?.includes(e.employeeNumber ?? -1));
  return { employeeList: syncWindow(employees, (e) => e.syncMarker ?? 0, req.syncMarker, req.syncMarkerLimit) };
}
