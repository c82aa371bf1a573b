/**
 * Sandbox rules for products, articles and stock. A product groups articles; articles carry the
 * (numeric) article number, prices in cents, the VAT code and the stock. Each changed article takes
 * the next article syncMarker; a product's marker is its highest article marker.
 */
import { z } from 'zod';
import {
  articleSchema,
  getProductsRequestSchema,
  getStockRequestSchema,
  productSchema,
  updateStockRequestSchema,
  type MplusArticle,
  type MplusArticleInput,
  type MplusProduct,
} from '../schemas';
import type { JsObject } from '../xml-codec';
import { mergeFields, typed } from './soap-fault';
import type { MplusSandboxStore } from './store';
import { exclFromIncl, inclFromExcl } from '../document-pricing';

type ArticleIssue = { result: 'FAILED' | 'ARTICLE-NUMBER-ALREADY-TAKEN'; message: string };

function checkArticle(store: MplusSandboxStore, a: MplusArticleInput, productNumber: number | undefined): ArticleIssue | undefined {
  if (a.articleNumber !== undefined && a.articleNumber <= 0) return { result: 'FAILED', message: `Article number ${a.articleNumber} must be positive.` };
  const owner = a.articleNumber === undefined ? undefined : store.articleOwner.get(a.articleNumber);
  if (owner !== undefined && owner !== productNumber) return { result: 'ARTICLE-NUMBER-ALREADY-TAKEN', message: `Article number ${a.articleNumber} is already taken.` };
  if (a.vatCode !== undefined && store.vatPercentage(a.vatCode) === undefined) return { result: 'FAILED', message: `VAT code ${a.vatCode} does not exist.` };
  if (a.turnoverGroup !== undefined && store.turnoverGroups.length > 0 && !store.turnoverGroups.some((t) => t.turnoverGroup === a.turnoverGroup)) {
    return { result: 'FAILED', message: `Turnover group ${a.turnoverGroup} does not exist.` };
  }
  return undefined;
}

/** New or changed article: merged fields, derived prices and VAT percentage, a fresh marker. */
function buildArticle(store: MplusSandboxStore, patch: MplusArticleInput, articleNumber: number, existing?: MplusArticle): MplusArticle {
  const now = store.nowIso();
  const highestRate = [...store.vatGroups].sort((a, b) => b.vatPercentage - a.vatPercentage)[0]?.vatCode ?? 0;
  const base: MplusArticleInput = existing ?? { active: true, stockArticle: true, vatCode: highestRate, createTimestamp: now };
  const merged = mergeFields('Article', base, patch) as MplusArticleInput;
  const percentage = store.vatPercentage(merged.vatCode ?? 0) ?? 0;
  // The price the request set wins; the other is derived ("calculated if not explicitly set").
  const setsIncl = patch.priceIncl !== undefined;
  const setsExcl = patch.priceExcl !== undefined;
  if (setsIncl && !setsExcl) merged.priceExcl = exclFromIncl(merged.priceIncl ?? 0, percentage);
  else if (!setsIncl) merged.priceIncl = inclFromExcl((merged.priceExcl ??= 0), percentage);
  return articleSchema.parse({ ...merged, articleNumber, vatPercentage: percentage, syncMarker: store.bump('article'), changeTimestamp: now });
}

function productMarker(p: MplusProduct): number {
  return Math.max(0, ...(p.articleList ?? []).map((a) => a.syncMarker ?? 0));
}

function saveProduct(store: MplusSandboxStore, product: MplusProduct): void {
  product.syncMarker = productMarker(product);
  store.products.set(product.productNumber ?? 0, product);
  for (const a of product.articleList ?? []) store.articleOwner.set(a.articleNumber ?? 0, product.productNumber ?? 0);
}

function setStock(store: MplusSandboxStore, articleNumber: number, amount: number): number {
  const stockId = store.bump('stockId');
  store.stock.set(articleNumber, { articleNumber, amount: Number(amount.toFixed(9)), stockId, changeTimestamp: store.nowIso() });
  return stockId;
}

/** Loads a seed product (numbers given, already checked by the seed schema). */
export function insertSeedProduct(store: MplusSandboxStore, p: { productNumber: number; description: string; extraText?: string; groupNumbers: number[]; articles: (MplusArticleInput & { articleNumber: number; stock: number })[] }): void {
  const articleList = p.articles.map(({ stock: _stock, ...a }) => buildArticle(store, a, a.articleNumber));
  saveProduct(store, productSchema.parse({ productNumber: p.productNumber, description: p.description, extraText: p.extraText, groupNumbers: p.groupNumbers, articleList }));
  for (const a of p.articles) if (a.stockArticle !== false) setStock(store, a.articleNumber, a.stock);
}

export function createProduct(store: MplusSandboxStore, body: JsObject): JsObject {
  const product = typed(productSchema, body['product'], 'product');
  const failed = (result: string, errorMessage: string) => ({ result: `CREATE-PRODUCT-RESULT-${result}`, productNumber: 0, articleNumbers: [], errorMessage });
  const articles = product.articleList ?? [];
  if (articles.length === 0) return failed('FAILED', 'A product needs at least one article.');
  if (product.productNumber !== undefined && store.products.has(product.productNumber)) {
    return failed('FAILED-PRODUCT-NUMBER-ALREADY-TAKEN', `Product number ${product.productNumber} is already taken.`);
  }
  const numbers = articles.map((a) => a.articleNumber).filter((n) => n !== undefined);
  if (new Set(numbers).size !== numbers.length) return failed('FAILED-ARTICLE-NUMBER-ALREADY-TAKEN', 'The same article number occurs twice.');
  for (const a of articles) {
    const issue = checkArticle(store, a, undefined);
    if (issue) return failed(issue.result === 'FAILED' ? 'FAILED' : 'FAILED-ARTICLE-NUMBER-ALREADY-TAKEN', issue.message);
  }
  const missingGroup = product.groupNumbers.find((g) => !store.articleGroups.has(g));
  if (missingGroup !== undefined) return failed('FAILED', `Article group ${missingGroup} does not exist.`);

  const productNumber = product.productNumber ?? Math.max(0, ...store.products.keys()) + 1;
  let nextArticle = Math.max(0, ...store.articleOwner.keys(), ...numbers);
  const articleList = articles.map((a) => buildArticle(store, a, a.articleNumber ?? ++nextArticle));
  const created: MplusProduct = { ...product, productNumber, articleList };
  saveProduct(store, created);
  for (const a of articleList) if (a.stockArticle) setStock(store, a.articleNumber ?? 0, 0);
  return {
    result: 'CREATE-PRODUCT-RESULT-OK',
    productNumber,
    articleNumbers: articleList.map((a) => a.articleNumber),
    changeTimestamp: store.nowIso(),
    syncMarker: created.syncMarker,
    errorMessage: '',
  };
}

/** Articles with a number of this product are changed, others are added [INFERRED from the answer's existing/new lists]. */
export function updateProduct(store: MplusSandboxStore, body: JsObject): JsObject {
  const product = typed(productSchema, body['product'], 'product');
  const failed = (result: string, errorMessage: string) => ({ result: `UPDATE-PRODUCT-RESULT-${result}`, existingArticleNumbers: [], newArticleNumbers: [], errorMessage });
  if (product.productNumber === undefined) return failed('FAILED', 'productNumber is required.');
  const existing = store.products.get(product.productNumber);
  if (!existing) return failed('NOT-FOUND', `Product ${product.productNumber} does not exist.`);
  for (const a of product.articleList ?? []) {
    const issue = checkArticle(store, a, product.productNumber);
    if (issue) return failed(issue.result === 'FAILED' ? 'FAILED' : 'FAILED-ARTICLE-NUMBER-ALREADY-TAKEN', issue.message);
  }
  const missingGroup = product.groupNumbers.find((g) => !store.articleGroups.has(g));
  if (missingGroup !== undefined) return failed('FAILED', `Article group ${missingGroup} does not exist.`);

  const { articleList: patches = [], ...productPatch } = product;
  const headerChanged = ['description', 'extraText', 'sortOrderGroupList'].some((k) => k in productPatch) || product.groupNumbers.length > 0;
  const articles = new Map((existing.articleList ?? []).map((a) => [a.articleNumber ?? 0, a]));
  const existingNumbers: number[] = [];
  const newNumbers: number[] = [];
  let nextArticle = Math.max(0, ...store.articleOwner.keys(), ...patches.map((a) => a.articleNumber ?? 0));
  for (const patch of patches) {
    const number = patch.articleNumber ?? ++nextArticle;
    const current = articles.get(number);
    (current ? existingNumbers : newNumbers).push(number);
    articles.set(number, buildArticle(store, patch, number, current));
    if (!current) setStock(store, number, 0);
  }
  if (headerChanged) {
    // A product-level change must reach syncers that read by article marker.
    for (const [n, a] of articles) if (!patches.some((p) => p.articleNumber === n)) articles.set(n, { ...a, syncMarker: store.bump('article') });
  }
  const updated: MplusProduct = mergeFields('Product', existing, { ...productPatch, articleList: [...articles.values()] });
  saveProduct(store, updated);
  return { result: 'UPDATE-PRODUCT-RESULT-OK', existingArticleNumbers: existingNumbers, newArticleNumbers: newNumbers, changeTimestamp: store.nowIso(), syncMarker: updated.syncMarker, errorMessage: '' };
}

/** Filters; with a syncMarker the limit counts articles and a product is never split. */
export function getProducts(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(getProductsRequestSchema, body['request'], 'request');
  const articleFilter = (a: MplusArticle) =>
    (!req.onlyActive || a.active !== false) &&
    (!req.onlyWebshop || a.webshop === true) &&
    (req.includeAllArticlesOfSelectedProducts ||
      ((!req.articleNumbers?.length || req.articleNumbers.includes(a.articleNumber ?? -1)) && (!req.pluNumbers?.length || req.pluNumbers.includes(a.pluNumber ?? ''))));
  const selected: MplusProduct[] = [];
  for (const p of store.products.values()) {
    if (req.productNumbers?.length && !req.productNumbers.includes(p.productNumber ?? -1)) continue;
    if (req.groupNumbers?.length && !p.groupNumbers.some((g) => req.groupNumbers?.includes(g))) continue;
    const all = p.articleList ?? [];
    if (req.articleNumbers?.length && !all.some((a) => req.articleNumbers?.includes(a.articleNumber ?? -1))) continue;
    if (req.pluNumbers?.length && !all.some((a) => req.pluNumbers?.includes(a.pluNumber ?? ''))) continue;
    const articleList = all.filter(articleFilter);
    if (articleList.length === 0) continue;
    if (req.syncMarker !== undefined && productMarker(p) < req.syncMarker) continue;
    selected.push({ ...p, articleList });
  }
  selected.sort((a, b) => productMarker(a) - productMarker(b));
  const limit = req.syncMarkerLimit ?? 1000;
  const page: MplusProduct[] = [];
  let articleCount = 0;
  for (const p of selected) {
    const n = p.articleList?.length ?? 0;
    if (page.length > 0 && articleCount + n > limit) break;
    page.push(p);
    articleCount += n;
  }
  return { productList: page };
}

export function getStock(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(getStockRequestSchema, body['request'], 'request');
  if (req.branchNumber !== store.branchNumber) return { articleStocks: [] };
  const records = req.articleNumbers.length ? req.articleNumbers.map((n) => store.stock.get(n)).filter((r) => r !== undefined) : [...store.stock.values()];
  return {
    articleStocks: records
      .filter((r) => req.stockId === undefined || r.stockId >= req.stockId)
      .map((r) => ({ branchNumber: store.branchNumber, articleNumber: r.articleNumber, changeTimestamp: r.changeTimestamp, stockId: r.stockId, amountFree: r.amount, amountReserved: 0, amountIncoming: 0, isDayStockArticle: false })),
  };
}

export function updateStock(store: MplusSandboxStore, body: JsObject): JsObject {
  const req = typed(updateStockRequestSchema.extend({ amountChanged: z.number() }), body['request'], 'request');
  if (req.branchNumber !== store.branchNumber) return { result: 'UPDATE-STOCK-RESULT-BRANCH-NOT-FOUND' };
  const article = store.article(req.articleNumber);
  if (!article) return { result: 'UPDATE-STOCK-RESULT-ARTICLE-NOT-FOUND' };
  if (!article.stockArticle) return { result: 'UPDATE-STOCK-RESULT-NO-STOCK-ARTICLE' };
  if (req.employeeNumber !== undefined && !store.employees.has(req.employeeNumber)) return { result: 'UPDATE-STOCK-RESULT-FAILED' };
  const current = store.stock.get(req.articleNumber)?.amount ?? 0;
  return { result: 'UPDATE-STOCK-RESULT-OK', stockId: setStock(store, req.articleNumber, current + req.amountChanged) };
}
