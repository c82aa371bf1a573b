/**
 * products.* and productCategories.list of the sandbox. Categories are read-only (the API has no
 * way to create them). Tax rates, categories and departments a product refers to must exist (400);
 * units of measure and price lists are not modelled and are stored as given.
 */
import {
  productAddRequest,
  productCategoriesListRequest,
  productInfoRequest,
  productsListRequest,
  productUpdateRequest,
} from '../../schemas-requests';
import { validate } from '../api-error';
import { matchesTerm, pageOf, sortItems, updatedSince } from '../list-query';
import { productInfo, productListItem } from '../render-parties';
import type { ProductRecord } from '../seed-schema';
import { applyUpdate } from './crm';
import { created, noContent, ok, type Handler, type HandlerContext } from './types';

function checkProductReferences(
  ctx: HandlerContext,
  req: { tax_rate_id?: string | undefined; product_category_id?: string | undefined; department_id?: string | undefined },
): void {
  if (req.tax_rate_id) ctx.store.reference('taxRates', req.tax_rate_id, 'tax rate', 'tax_rate_id');
  if (req.product_category_id) ctx.store.reference('productCategories', req.product_category_id, 'product category', 'product_category_id');
  if (req.department_id) ctx.store.reference('departments', req.department_id, 'department', 'department_id');
}

export const productHandlers: Record<string, Handler> = {
  /** `page` is not in the blueprint but in the current portal ([P]); without it the default page applies. */
  'products.list': (ctx, body) => {
    const req = validate(productsListRequest, body);
    const f = req.filter ?? {};
    const items = ctx.store.state.products.filter(
      (p) => (!f.ids || f.ids.includes(p.id)) && matchesTerm(f.term, p.name, p.code) && updatedSince(p.updated_at, f.updated_since),
    );
    // No sort is documented; by name, like the other lists ([I]).
    const sorted = sortItems(items, undefined, [{ field: 'name' }], (p) => p.name);
    return ok({ data: pageOf(sorted, req.page, ctx.paging).map((p) => productListItem(ctx, p)) });
  },

  'products.info': (ctx, body) => {
    const req = validate(productInfoRequest, body);
    return ok({ data: productInfo(ctx, ctx.store.require('products', req.id, 'Product'), req.includes) });
  },

  'products.add': (ctx, body) => {
    const req = validate(productAddRequest, body);
    checkProductReferences(ctx, req);
    const now = ctx.store.now();
    const record: ProductRecord = {
      id: ctx.store.newId(),
      name: req.name ?? null,
      code: req.code ?? null,
      description: req.description ?? null,
      purchase_price: req.purchase_price ?? null,
      selling_price: req.selling_price ?? null,
      unit_of_measure_id: req.unit_of_measure_id ?? null,
      price_list_prices: req.price_list_prices ?? [],
      stock: req.stock ?? null,
      configuration: req.configuration ?? null,
      department_id: req.department_id ?? null,
      product_category_id: req.product_category_id ?? null,
      tax_rate_id: req.tax_rate_id ?? null,
      custom_fields: req.custom_fields ?? [],
      added_at: now,
      updated_at: now,
    };
    ctx.store.insert('products', record);
    return created('product', record.id);
  },

  'products.update': (ctx, body) => {
    const req = validate(productUpdateRequest, body);
    const record = ctx.store.require('products', req.id, 'Product');
    checkProductReferences(ctx, req);
    applyUpdate(record, req, ['price_list_prices', 'custom_fields']);
    record.updated_at = ctx.store.now();
    return noContent();
  },

  /** No paging in the blueprint: the whole set. */
  'productCategories.list': (ctx, body) => {
    const req = validate(productCategoriesListRequest, body);
    const dept = req.filter?.department_id;
    const items = ctx.store.state.productCategories.filter((c) => !dept || c.ledgers.some((l) => l.department_id === dept));
    return ok({
      data: items.map((c) => ({
        id: c.id,
        name: c.name,
        ledgers: c.ledgers.map((l) => ({ department: { type: 'department', id: l.department_id }, ledger_account_number: l.ledger_account_number })),
      })),
    });
  },
};
