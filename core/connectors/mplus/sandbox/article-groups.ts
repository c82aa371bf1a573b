/**
 * Sandbox rules for article groups: a tree (parentGroupNumber 0 = top level [INFERRED]) read whole
 * by getArticleGroups and flat by getArticleGroupChanges (the incremental one). A group's marker
 * moves when it changes and when its list of sub-groups changes.
 */
import { getArticleGroupChangesRequestSchema, getArticleGroupsRequestSchema, newArticleGroupRequestSchema, updateArticleGroupRequestSchema, type MplusArticleGroup } from '../schemas';
import type { JsObject } from '../xml-codec';
import { syncWindow, typed } from './soap-fault';
import type { MplusSandboxStore, StoredArticleGroup } from './store';

export function insertArticleGroup(store: MplusSandboxStore, g: Omit<StoredArticleGroup, 'syncMarker' | 'isDeleted'>): void {
  store.articleGroups.set(g.groupNumber, { ...g, isDeleted: false, syncMarker: store.bump('articleGroup') });
}

function touch(store: MplusSandboxStore, groupNumber: number): void {
  const g = store.articleGroups.get(groupNumber);
  if (g) g.syncMarker = store.bump('articleGroup');
}

const childrenOf = (store: MplusSandboxStore, parent: number) =>
  [...store.articleGroups.values()].filter((g) => g.parentGroupNumber === parent && !g.isDeleted).sort((a, b) => a.sortOrder - b.sortOrder || a.groupNumber - b.groupNumber);

function rootOf(store: MplusSandboxStore, g: StoredArticleGroup): number {
  let current = g;
  for (let guard = 0; current.parentGroupNumber !== 0 && guard < 100; guard++) {
    const parent = store.articleGroups.get(current.parentGroupNumber);
    if (!parent) break;
    current = parent;
  }
  return current.groupNumber;
}

function productNumbersIn(store: MplusSandboxStore, groupNumber: number): number[] {
  return [...store.products.values()].filter((p) => p.groupNumbers.includes(groupNumber)).map((p) => p.productNumber ?? 0);
}

function tree(store: MplusSandboxStore, g: StoredArticleGroup, withArticles: boolean): MplusArticleGroup {
  const productNumbers = productNumbersIn(store, g.groupNumber);
  const articleNumbers = productNumbers.flatMap((n) => (store.products.get(n)?.articleList ?? []).map((a) => a.articleNumber ?? 0));
  return {
    groupNumber: g.groupNumber,
    syncMarker: g.syncMarker,
    name: g.name,
    text: g.text,
    subGroupList: childrenOf(store, g.groupNumber).map((c) => tree(store, c, withArticles)),
    sortOrder: g.sortOrder,
    ...(productNumbers.length ? { productNumbers } : {}),
    ...(withArticles && articleNumbers.length ? { articleNumbers } : {}),
    isDeleted: g.isDeleted,
  };
}

const highestMarker = (t: MplusArticleGroup): number => Math.max(t.syncMarker ?? 0, ...t.subGroupList.map(highestMarker));

/** With a syncMarker: the top-level trees that contain a change at or after it [INFERRED]. */
export function getArticleGroups(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(getArticleGroupsRequestSchema, body['request'], 'request');
  const roots = childrenOf(store, 0)
    .filter((g) => !req.groupNumbers?.length || req.groupNumbers.includes(g.groupNumber))
    .map((g) => tree(store, g, req.retrieveArticleNumbers ?? false));
  return { articleGroupList: syncWindow(roots, highestMarker, req.syncMarker, req.syncMarkerLimit) };
}

export function getArticleGroupChanges(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(getArticleGroupChangesRequestSchema, body['request'], 'request');
  const groups = [...store.articleGroups.values()].filter((g) => !req.groupNumbers?.length || req.groupNumbers.includes(rootOf(store, g)));
  return {
    changedArticleGroupList: syncWindow(groups, (g) => g.syncMarker, req.syncMarker, req.syncMarkerLimit).map((g) => {
      const subGroupNumbers = childrenOf(store, g.groupNumber).map((c) => c.groupNumber);
      const productNumbers = productNumbersIn(store, g.groupNumber);
      return {
        groupNumber: g.groupNumber,
        parentGroupNumber: g.parentGroupNumber,
        syncMarker: g.syncMarker,
        name: g.name,
        text: g.text,
        ...(subGroupNumbers.length ? { subGroupNumbers } : {}),
        sortOrder: g.sortOrder,
        ...(productNumbers.length ? { productNumbers } : {}),
        isDeleted: g.isDeleted,
      };
    }),
  };
}

export function newArticleGroup(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(newArticleGroupRequestSchema, body['request'], 'request');
  if (req.parentGroupNumber !== 0 && !store.articleGroups.has(req.parentGroupNumber)) return { result: 'NEW-ARTICLE-GROUP-RESULT-PARENT-NOTFOUND', groupNumber: 0 };
  if (!req.name.trim()) return { result: 'NEW-ARTICLE-GROUP-RESULT-FAILED', groupNumber: 0 };
  const groupNumber = Math.max(0, ...store.articleGroups.keys()) + 1;
  const sortOrder = req.sortOrder ?? Math.max(0, ...childrenOf(store, req.parentGroupNumber).map((c) => c.sortOrder)) + 1;
  insertArticleGroup(store, { groupNumber, parentGroupNumber: req.parentGroupNumber, name: req.name, text: req.text, sortOrder });
  touch(store, req.parentGroupNumber);
  return { result: 'NEW-ARTICLE-GROUP-RESULT-OK', groupNumber };
}

export function updateArticleGroup(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(updateArticleGroupRequestSchema, body['request'], 'request');
  const group = store.articleGroups.get(req.groupNumber);
  if (!group || group.isDeleted) return { result: 'SAVE-ARTICLE-GROUP-RESULT-NOT-FOUND' };
  const parent = req.parentGroupNumber;
  if (parent !== undefined && parent !== group.parentGroupNumber) {
    const target = store.articleGroups.get(parent);
    if (parent !== 0 && (!target || target.isDeleted)) return { result: 'SAVE-ARTICLE-GROUP-RESULT-FAILED' };
    for (let g = target; g; g = store.articleGroups.get(g.parentGroupNumber)) if (g.groupNumber === group.groupNumber) return { result: 'SAVE-ARTICLE-GROUP-RESULT-FAILED' };
    touch(store, group.parentGroupNumber);
    touch(store, parent);
    group.parentGroupNumber = parent;
  }
  if (req.name !== undefined) group.name = req.name;
  if (req.text !== undefined) group.text = req.text;
  if (req.sortOrder !== undefined) group.sortOrder = req.sortOrder;
  touch(store, group.groupNumber);
  return { result: 'SAVE-ARTICLE-GROUP-RESULT-OK' };
}
