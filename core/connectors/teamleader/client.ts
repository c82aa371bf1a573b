/**
 * The Teamleader Focus API client for the endpoints Sincro uses. Methods are grouped like the API
 * (`client.contacts.add(...)` is `POST /contacts.add`); every list endpoint is an async generator that
 * pages until a short page, and lists that have `filter.updated_since` in the blueprint (contacts,
 * companies, products, invoices, credit notes, deals) accept it for incremental reads.
 *
 * Inputs are checked against the blueprint-derived request schemas before sending; answers are
 * parsed with tolerant response schemas. Product categories are read-only: the API cannot create
 * them.
 */
import { z } from 'zod';
import { TeamleaderResponseError, TeamleaderValidationError } from './errors';
import { collect, defaultPageSize, paginate } from './paging';
import {
  companiesListRequest,
  companyAddRequest,
  companyInfoRequest,
  companyUpdateRequest,
  contactAddRequest,
  contactLinkToCompanyRequest,
  contactsListRequest,
  contactUpdateRequest,
  creditNotesListRequest,
  dealCreateRequest,
  dealsListRequest,
  departmentsListRequest,
  infoRequest,
  invoiceBookRequest,
  invoiceCreditPartiallyRequest,
  invoiceCreditRequest,
  invoiceDraftRequest,
  invoicesListRequest,
  invoiceUpdateRequest,
  paymentMethodsListRequest,
  productAddRequest,
  productCategoriesListRequest,
  productInfoRequest,
  productsListRequest,
  productUpdateRequest,
  quotationCreateRequest,
  quotationsListRequest,
  taxRatesListRequest,
  type CompaniesListRequest,
  type CompanyAddInput,
  type CompanyUpdateInput,
  type ContactAddInput,
  type ContactLinkToCompanyInput,
  type ContactsListRequest,
  type ContactUpdateInput,
  type CreditNotesListRequest,
  type DealCreateInput,
  type DealsListRequest,
  type DepartmentsListRequest,
  type InvoiceBookInput,
  type InvoiceCreditInput,
  type InvoiceCreditPartiallyInput,
  type InvoiceDraftInput,
  type InvoicesListRequest,
  type InvoiceUpdateInput,
  type PaymentMethodsListRequest,
  type ProductAddInput,
  type ProductCategoriesListRequest,
  type ProductsListRequest,
  type ProductUpdateInput,
  type QuotationCreateInput,
  type QuotationsListRequest,
  type TaxRatesListRequest,
} from './schemas-requests';
import {
  companyInfoOut,
  companyListItemOut,
  contactInfoOut,
  contactListItemOut,
  createdOut,
  creditNoteInfoData,
  creditNoteListItemOut,
  dealListItemOut,
  dealOut,
  departmentOut,
  envelope,
  invoiceInfoOut,
  invoiceListItemOut,
  paymentMethodOut,
  paymentTermsListOut,
  productCategoryOut,
  productInfoOut,
  productListItemOut,
  quotationListItemOut,
  quotationOut,
  taxRateOut,
  userOut,
  type TeamleaderCompany,
  type TeamleaderCompanyListItem,
  type TeamleaderContact,
  type TeamleaderContactListItem,
  type TeamleaderCreditNote,
  type TeamleaderCreditNoteListItem,
  type TeamleaderDeal,
  type TeamleaderDealListItem,
  type TeamleaderDepartment,
  type TeamleaderInvoice,
  type TeamleaderInvoiceListItem,
  type TeamleaderPaymentMethod,
  type TeamleaderPaymentTerm,
  type TeamleaderProduct,
  type TeamleaderProductCategory,
  type TeamleaderProductListItem,
  type TeamleaderQuotation,
  type TeamleaderQuotationListItem,
  type TeamleaderTaxRate,
  type TeamleaderUser,
} from './schemas-responses';
import { TeamleaderTransport, type CallOptions, type TransportOptions } from './transport';
import { describeZodError } from './zod-issues';

export interface TeamleaderClientOptions extends TransportOptions {
  /** Page size for list endpoints. Default 100. */
  pageSize?: number;
}

/** A list query without `page`: the client does the paging. */
type Query<T> = Omit<NonNullable<T>, 'page'>;

export class TeamleaderClient {
  readonly transport: TeamleaderTransport;
  private readonly pageSize: number;

  constructor(opts: TeamleaderClientOptions) {
    this.transport = new TeamleaderTransport(opts);
    this.pageSize = opts.pageSize ?? defaultPageSize;
  }

  /**
   * Calls any endpoint and parses `body` with `schema`. The typed methods below are built on it;
   * it is public for endpoints Sincro does not wrap yet.
   */
  async request<S extends z.ZodType>(endpoint: string, body: unknown, schema: S, opts?: CallOptions): Promise<z.output<S>> {
    const res = await this.transport.call(endpoint, body, opts);
    const parsed = schema.safeParse(res.body);
    if (!parsed.success) {
      throw new TeamleaderResponseError(
        `Teamleader ${endpoint} answered in an unexpected shape: ${describeZodError(parsed.error)}`,
        'unexpected-shape',
        { endpoint, status: res.status },
      );
    }
    return parsed.data;
  }

  /** Sends a write and expects no body back (204). */
  private async command(endpoint: string, body: unknown, opts?: CallOptions): Promise<void> {
    await this.transport.call(endpoint, body, opts);
  }

  private async create(endpoint: string, body: unknown, opts?: CallOptions): Promise<string> {
    const res = await this.request(endpoint, body, createdOut, opts);
    return res.data.id;
  }

  /** A paged list; the query is checked when iteration starts, so problems surface in the loop. */
  private async *list<Q extends z.ZodType, S extends z.ZodType<{ id: string }>>(
    endpoint: string,
    querySchema: Q,
    query: unknown,
    item: S,
    opts?: CallOptions,
  ): AsyncGenerator<z.output<S>, void, undefined> {
    const body = prepare(endpoint, querySchema, query) as object;
    const data = envelope(z.array(item));
    yield* paginate(async (page) => (await this.request(endpoint, { ...body, page }, data, opts)).data, this.pageSize);
  }

  /** A list endpoint without paging in the blueprint: one call returns the whole set. */
  private async *unpaged<Q extends z.ZodType, S extends z.ZodType>(
    endpoint: string,
    querySchema: Q,
    query: unknown,
    item: S,
    opts?: CallOptions,
  ): AsyncGenerator<z.output<S>, void, undefined> {
    const res = await this.request(endpoint, prepare(endpoint, querySchema, query), envelope(z.array(item)), opts);
    yield* res.data;
  }

  private async *paymentTermItems(opts?: CallOptions): AsyncGenerator<TeamleaderPaymentTerm, void, undefined> {
    yield* (await this.paymentTerms.withDefault(opts)).items;
  }

  readonly users = {
    /** The user who authorised Sincro; `account.id` identifies the Teamleader account. */
    me: async (opts?: CallOptions): Promise<TeamleaderUser> => (await this.request('users.me', {}, envelope(userOut), opts)).data,
  };

  readonly departments = {
    list: (query: DepartmentsListRequest = {}, opts?: CallOptions): AsyncGenerator<TeamleaderDepartment, void, undefined> =>
      this.unpaged('departments.list', departmentsListRequest, query, departmentOut, opts),
  };

  readonly contacts = {
    list: (query: Query<ContactsListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderContactListItem, void, undefined> =>
      this.list('contacts.list', contactsListRequest, query, contactListItemOut, opts),
    info: async (id: string, opts?: CallOptions): Promise<TeamleaderContact> =>
      (await this.request('contacts.info', prepare('contacts.info', infoRequest, { id }), envelope(contactInfoOut), opts)).data,
    /** Returns the new contact's id. */
    add: async (input: ContactAddInput, opts?: CallOptions): Promise<string> =>
      this.create('contacts.add', prepare('contacts.add', contactAddRequest, input), opts),
    /** Collections sent here (emails, addresses, tags, …) replace the stored ones entirely. */
    update: async (input: ContactUpdateInput, opts?: CallOptions): Promise<void> =>
      this.command('contacts.update', prepare('contacts.update', contactUpdateRequest, input), opts),
    linkToCompany: async (input: ContactLinkToCompanyInput, opts?: CallOptions): Promise<void> =>
      this.command('contacts.linkToCompany', prepare('contacts.linkToCompany', contactLinkToCompanyRequest, input), opts),
    /** The contact whose primary email is exactly this one, if any. */
    findByEmail: async (email: string, opts?: CallOptions): Promise<TeamleaderContactListItem | null> => {
      const found = await collect(this.contacts.list({ filter: { email: { type: 'primary', email } } }, opts));
      return found[0] ?? null;
    },
  };

  readonly companies = {
    list: (query: Query<CompaniesListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderCompanyListItem, void, undefined> =>
      this.list('companies.list', companiesListRequest, query, companyListItemOut, opts),
    info: async (id: string, query: { includes?: string } = {}, opts?: CallOptions): Promise<TeamleaderCompany> =>
      (await this.request('companies.info', prepare('companies.info', companyInfoRequest, { id, ...query }), envelope(companyInfoOut), opts)).data,
    add: async (input: CompanyAddInput, opts?: CallOptions): Promise<string> =>
      this.create('companies.add', prepare('companies.add', companyAddRequest, input), opts),
    update: async (input: CompanyUpdateInput, opts?: CallOptions): Promise<void> =>
      this.command('companies.update', prepare('companies.update', companyUpdateRequest, input), opts),
    findByEmail: async (email: string, opts?: CallOptions): Promise<TeamleaderCompanyListItem | null> => {
      const found = await collect(this.companies.list({ filter: { email: { type: 'primary', email } } }, opts));
      return found[0] ?? null;
    },
    /** How Teamleader normalises the VAT number for this filter is not documented; it is sent as given. */
    findByVatNumber: async (vatNumber: string, opts?: CallOptions): Promise<TeamleaderCompanyListItem | null> => {
      const found = await collect(this.companies.list({ filter: { vat_number: vatNumber } }, opts));
      return found[0] ?? null;
    },
  };

  readonly products = {
    /** List items carry no prices; use `info` (or `filter.ids` batches plus `info`) for those ([S]). */
    list: (query: Query<ProductsListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderProductListItem, void, undefined> =>
      this.list('products.list', productsListRequest, query, productListItemOut, opts),
    info: async (id: string, query: { includes?: string } = {}, opts?: CallOptions): Promise<TeamleaderProduct> =>
      (await this.request('products.info', prepare('products.info', productInfoRequest, { id, ...query }), envelope(productInfoOut), opts)).data,
    add: async (input: ProductAddInput, opts?: CallOptions): Promise<string> =>
      this.create('products.add', prepare('products.add', productAddRequest, input), opts),
    update: async (input: ProductUpdateInput, opts?: CallOptions): Promise<void> =>
      this.command('products.update', prepare('products.update', productUpdateRequest, input), opts),
    /**
     * There is no exact filter on `code` (the SKU): `term` matches name or code, so the results are
     * narrowed to an exact code match here ([S], [I]).
     */
    findByCode: async (code: string, opts?: CallOptions): Promise<TeamleaderProductListItem | null> => {
      for await (const p of this.products.list({ filter: { term: code } }, opts)) if (p.code === code) return p;
      return null;
    },
  };

  readonly productCategories = {
    /** Read-only through the API: categories cannot be created or changed by Sincro. */
    list: (query: ProductCategoriesListRequest = {}, opts?: CallOptions): AsyncGenerator<TeamleaderProductCategory, void, undefined> =>
      this.unpaged('productCategories.list', productCategoriesListRequest, query, productCategoryOut, opts),
  };

  readonly taxRates = {
    /** Tax rates belong to a department; filter on the department the invoices are made in. */
    list: (query: Query<TaxRatesListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderTaxRate, void, undefined> =>
      this.list('taxRates.list', taxRatesListRequest, query, taxRateOut, opts),
  };

  readonly paymentTerms = {
    list: (opts?: CallOptions): AsyncGenerator<TeamleaderPaymentTerm, void, undefined> => this.paymentTermItems(opts),
    /** The terms plus the id of the account's default term (`meta.default`). Invoices take the term inline, not by id. */
    withDefault: async (opts?: CallOptions): Promise<{ items: TeamleaderPaymentTerm[]; defaultId: string | null }> => {
      const res = await this.request('paymentTerms.list', {}, paymentTermsListOut, opts);
      return { items: res.data, defaultId: res.meta?.default ?? null };
    },
  };

  readonly paymentMethods = {
    list: (query: Query<PaymentMethodsListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderPaymentMethod, void, undefined> =>
      this.list('paymentMethods.list', paymentMethodsListRequest, query, paymentMethodOut, opts),
  };

  readonly deals = {
    list: (query: Query<DealsListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderDealListItem, void, undefined> =>
      this.list('deals.list', dealsListRequest, query, dealListItemOut, opts),
    create: async (input: DealCreateInput, opts?: CallOptions): Promise<string> =>
      this.create('deals.create', prepare('deals.create', dealCreateRequest, input), opts),
    info: async (id: string, opts?: CallOptions): Promise<TeamleaderDeal> =>
      (await this.request('deals.info', prepare('deals.info', infoRequest, { id }), envelope(dealOut), opts)).data,
  };

  readonly quotations = {
    /** No `updated_since` here ([S]): a change reader lists them all and compares `updated_at`. */
    list: (query: Query<QuotationsListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderQuotationListItem, void, undefined> =>
      this.list('quotations.list', quotationsListRequest, query, quotationListItemOut, opts),
    /** A quotation always belongs to a deal (`deal_id`). */
    create: async (input: QuotationCreateInput, opts?: CallOptions): Promise<string> =>
      this.create('quotations.create', prepare('quotations.create', quotationCreateRequest, input), opts),
    info: async (id: string, opts?: CallOptions): Promise<TeamleaderQuotation> =>
      (await this.request('quotations.info', prepare('quotations.info', infoRequest, { id }), envelope(quotationOut), opts)).data,
  };

  readonly invoices = {
    list: (query: Query<InvoicesListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderInvoiceListItem, void, undefined> =>
      this.list('invoices.list', invoicesListRequest, query, invoiceListItemOut, opts),
    info: async (id: string, opts?: CallOptions): Promise<TeamleaderInvoice> =>
      (await this.request('invoices.info', prepare('invoices.info', infoRequest, { id }), envelope(invoiceInfoOut), opts)).data,
    /** Creates a draft invoice; prices are sent without VAT (`unit_price.tax: "excluding"`). */
    draft: async (input: InvoiceDraftInput, opts?: CallOptions): Promise<string> =>
      this.create('invoices.draft', prepare('invoices.draft', invoiceDraftRequest, input), opts),
    /** Drafts only: Teamleader refuses to update a booked invoice. */
    update: async (input: InvoiceUpdateInput, opts?: CallOptions): Promise<void> =>
      this.command('invoices.update', prepare('invoices.update', invoiceUpdateRequest, input), opts),
    /** Books a draft on the given date (YYYY-MM-DD); it gets its invoice number. */
    book: async (input: InvoiceBookInput, opts?: CallOptions): Promise<void> =>
      this.command('invoices.book', prepare('invoices.book', invoiceBookRequest, input), opts),
    /** Credits a booked invoice completely; returns the new credit note's id. */
    credit: async (input: InvoiceCreditInput, opts?: CallOptions): Promise<string> =>
      this.create('invoices.credit', prepare('invoices.credit', invoiceCreditRequest, input), opts),
    /** Credits the given lines of a booked invoice (written like an invoice's, without VAT); returns the credit note's id. */
    creditPartially: async (input: InvoiceCreditPartiallyInput, opts?: CallOptions): Promise<string> =>
      this.create('invoices.creditPartially', prepare('invoices.creditPartially', invoiceCreditPartiallyRequest, input), opts),
    findByPurchaseOrderNumber: async (purchaseOrderNumber: string, opts?: CallOptions): Promise<TeamleaderInvoiceListItem | null> => {
      const found = await collect(this.invoices.list({ filter: { purchase_order_number: purchaseOrderNumber } }, opts));
      return found[0] ?? null;
    },
  };

  readonly creditNotes = {
    /** Made by invoices.credit / creditPartially only (there is no direct create, [S]). */
    list: (query: Query<CreditNotesListRequest> = {}, opts?: CallOptions): AsyncGenerator<TeamleaderCreditNoteListItem, void, undefined> =>
      this.list('creditNotes.list', creditNotesListRequest, query, creditNoteListItemOut, opts),
    /** `data` is read as an object, or as the one credit note of an array as the blueprint shows it (schemas-responses.ts). */
    info: async (id: string, opts?: CallOptions): Promise<TeamleaderCreditNote> =>
      (await this.request('creditNotes.info', prepare('creditNotes.info', infoRequest, { id }), envelope(creditNoteInfoData), opts)).data,
  };
}

/** Validates an input against the request schema; a problem is reported without sending anything. */
function prepare<S extends z.ZodType>(endpoint: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new TeamleaderValidationError(`Teamleader ${endpoint} was not sent: ${describeZodError(parsed.error)}`, { endpoint });
  }
  return parsed.data;
}
