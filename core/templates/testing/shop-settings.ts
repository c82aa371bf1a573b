/**
 * The settings a generated shop runs the five templates with (invariants.test.ts). Each shop gets
 * its own: which documents go each way and as what, paid invoices only, credit notes or not, a
 * product filter each way, customers from other countries. With one fixed set the shops could
 * never reach what hides behind the other choices (a product Teamleader lacks failing an order, a
 * sale sent as a quotation, a product made by an order). The defaults weigh most, so
 * the shops still test what most users run.
 */
import fc from 'fast-check';
import { vatCodes, type MplusDocumentSpec, type ProductSpec, type ShopSpec, type TeamleaderDocumentSpec } from './shop-seeds';

export interface ShopSettings {
  toTeamleader: { sendOrders: boolean; sendInvoices: boolean; teamleaderDocument: 'invoice' | 'quotation'; invoiceState: 'draft' | 'book'; missingProducts: 'create' | 'fail' };
  toMplus: { mplusDocument: 'order' | 'invoice'; sendInvoices: boolean; sendQuotations: boolean; sendCreditNotes: boolean; onlyPaidInvoices: boolean };
  otherCountries: 'fail' | 'default';
  /** Products MplusKASSA → Teamleader: the price without VAT computed from the till's price incl. VAT. */
  priceIncludesVat: boolean;
  /** Each products flow updates the products the other app has (or only creates). */
  updateProducts: { toTeamleader: boolean; toMplus: boolean };
  /** The customers flow and both orders flows update customers the other app has (or only create). */
  updateExistingCustomers: boolean;
  /** Product keys each products template's filter leaves out. */
  leftOut: { toTeamleader: string[]; toMplus: string[] };
}

/** What every shop ran with before shops had settings of their own: the defaults, with MplusKASSA invoices sent and booked. */
export const USUAL_SETTINGS: ShopSettings = {
  toTeamleader: { sendOrders: true, sendInvoices: true, teamleaderDocument: 'invoice', invoiceState: 'book', missingProducts: 'create' },
  toMplus: { mplusDocument: 'order', sendInvoices: true, sendQuotations: true, sendCreditNotes: true, onlyPaidInvoices: false },
  otherCountries: 'fail',
  priceIncludesVat: false,
  updateProducts: { toTeamleader: true, toMplus: true },
  updateExistingCustomers: true,
  leftOut: { toTeamleader: [], toMplus: [] },
};

/** The shops sell at Dutch and Belgian rates: every one of them has its MplusKASSA VAT code. */
const VAT_CODES = Object.entries(vatCodes).map(([from, to]) => ({ from, to }));

/** Mostly the first value (the template's default, or what the shops ran with before), now and then the other. */
const mostly = <T>(usual: T, other: T) => fc.constantFrom(usual, usual, other);

export function shopSettingsArbitrary(spec: ShopSpec): fc.Arbitrary<ShopSettings> {
  const keys = spec.products.map((p) => p.key);
  // In one shop in three a products filter leaves some of its products out.
  const leftOut = fc.oneof({ weight: 2, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(keys) });
  return fc.record({
    toTeamleader: fc
      .record({
        sends: fc.constantFrom('both', 'both', 'both', 'orders', 'invoices'),
        teamleaderDocument: mostly<'invoice' | 'quotation'>('invoice', 'quotation'),
        invoiceState: mostly<'draft' | 'book'>('book', 'draft'),
        missingProducts: mostly<'create' | 'fail'>('create', 'fail'),
      })
      .map(({ sends, ...rest }) => ({ ...rest, sendOrders: sends !== 'invoices', sendInvoices: sends !== 'orders' })),
    toMplus: fc.record({
      mplusDocument: mostly<'order' | 'invoice'>('order', 'invoice'),
      sendInvoices: fc.constantFrom(true, true, true, false),
      sendQuotations: mostly(true, false),
      sendCreditNotes: mostly(true, false),
      onlyPaidInvoices: mostly(false, true),
    }),
    otherCountries: mostly<'fail' | 'default'>('fail', 'default'),
    priceIncludesVat: mostly(false, true),
    updateProducts: fc.record({ toTeamleader: mostly(true, false), toMplus: mostly(true, false) }),
    updateExistingCustomers: mostly(true, false),
    leftOut: fc.record({ toTeamleader: leftOut, toMplus: leftOut }),
  });
}

/** The settings of each template, as a user would fill them in. */
export function templateSettings(spec: ShopSpec, s: ShopSettings): Record<string, Record<string, unknown>> {
  const codes = (keys: string[]) => spec.products.filter((p) => keys.includes(p.key)).map((p) => p.code);
  const articleNumbers = codes(s.leftOut.toTeamleader).filter((c) => /^\d+$/.test(c)).map(Number);
  const updateExistingCustomers = s.updateExistingCustomers;
  return {
    'products-mplus-to-teamleader': {
      priceIncludesVat: s.priceIncludesVat,
      updateProductInformation: s.updateProducts.toTeamleader,
      ...(articleNumbers.length ? { productFilter: `$not(articleNumber in ${JSON.stringify(articleNumbers)})` } : {}),
    },
    'products-teamleader-to-mplus': {
      vatCodes: VAT_CODES,
      updateProductInformation: s.updateProducts.toMplus,
      ...(s.leftOut.toMplus.length ? { productFilter: `$not(code in ${JSON.stringify(codes(s.leftOut.toMplus))})` } : {}),
    },
    'customers-teamleader-to-mplus': { otherCountries: s.otherCountries, updateExistingCustomers },
    'orders-mplus-to-teamleader': { ...s.toTeamleader, updateExistingCustomers },
    'orders-teamleader-to-mplus': { ...s.toMplus, vatCodes: VAT_CODES, updateExistingCustomers },
  };
}

/** Whether the settings send this MplusKASSA document to Teamleader at all (a credit invoice is an invoice). */
export const sentToTeamleader = (s: ShopSettings, d: MplusDocumentSpec): boolean => (d.type === 'order' ? s.toTeamleader.sendOrders : s.toTeamleader.sendInvoices);

/** Whether the settings send this Teamleader document to MplusKASSA as it is now (paid or not). */
export const sentToMplus = (s: ShopSettings, d: TeamleaderDocumentSpec): boolean =>
  d.type === 'quotation' ? s.toMplus.sendQuotations : s.toMplus.sendInvoices && (!s.toMplus.onlyPaidInvoices || d.status === 'matched');

/** Whether the products filter MplusKASSA → Teamleader lets this product through. */
export const productToTeamleader = (s: ShopSettings, p: ProductSpec): boolean => !s.leftOut.toTeamleader.includes(p.key);
