/**
 * The Teamleader endpoints Sincro uses: the client wraps them, the sandbox serves them, and dredd
 * checks exactly these against the blueprint (every other endpoint is skipped).
 */
export const sincroEndpoints = [
  'users.me',
  'departments.list',
  'contacts.list',
  'contacts.info',
  'contacts.add',
  'contacts.update',
  'contacts.linkToCompany',
  'companies.list',
  'companies.info',
  'companies.add',
  'companies.update',
  'products.list',
  'products.info',
  'products.add',
  'products.update',
  'productCategories.list',
  'taxRates.list',
  'paymentTerms.list',
  'paymentMethods.list',
  'deals.list',
  'deals.create',
  'deals.info',
  'quotations.list',
  'quotations.create',
  'quotations.info',
  'invoices.list',
  'invoices.info',
  'invoices.draft',
  'invoices.update',
  'invoices.book',
  'invoices.credit',
  'invoices.creditPartially',
  'creditNotes.list',
  'creditNotes.info',
] as const;

export type SincroEndpoint = (typeof sincroEndpoints)[number];
