/**
 * Makes the blueprint's example request bodies usable against a seeded sandbox. Used by the dredd
 * hooks and by the sandbox's required-field test; CommonJS, like the hooks.
 *
 * - Ids are replaced by ids of the seed (`ids`, see fixture-seed.ts): the record an `.info` /
 *   `.update` is about, `filter.ids`, and each referenced id the sandbox checks (department, tax
 *   rate, customer, …). Ids of things the sandbox does not model (units, projects, custom field
 *   definitions, business types, sources, templates) are left as written.
 * - Three artifacts of how drafter renders the blueprint are repaired, each a documentation slip
 *   and not API behaviour: enum arrays rendered with a leading `null` (`status: [null, "draft", …]`),
 *   arrays of a named array type rendered as arrays of arrays (`sort: [[…]]`, `price_list_prices`),
 *   and invoices.update's `for_attention_of`, whose MSON lacks a colon (`"name \`Finance Dept.\`": ""`).
 * - `onlyIds`: against records with only their required fields, the example filters of the list
 *   requests (a term, an email, tags, a status) match nothing; the filter is then `ids` alone where
 *   the endpoint has it, and left out elsewhere, so each list still returns the record.
 */

function rewriteExample(body, endpoint, ids, { onlyIds = false } = {}) {
  /** The record each endpoint's top-level `id` is about. */
  const subjectOf = {
    'contacts.info': ids.contact,
    'contacts.update': ids.contact,
    'contacts.linkToCompany': ids.contact,
    'companies.info': ids.company,
    'companies.update': ids.company,
    'products.info': ids.product,
    'products.update': ids.product,
    'deals.info': ids.deal,
    'quotations.info': ids.quotation,
    'invoices.info': ids.invoiceBooked,
    'invoices.update': ids.invoiceDraft,
    'invoices.book': ids.invoiceDraft,
    'invoices.credit': ids.invoiceToCredit,
    'invoices.creditPartially': ids.invoiceBooked,
    'creditNotes.info': ids.creditNote,
  };

  /** What `filter.ids` lists on each list endpoint. */
  const listOf = {
    'contacts.list': ids.contact,
    'companies.list': ids.company,
    'products.list': ids.product,
    'invoices.list': ids.invoiceBooked,
    'deals.list': ids.deal,
    'quotations.list': ids.quotation,
    'departments.list': ids.department,
    'paymentMethods.list': ids.paymentMethod,
    'creditNotes.list': ids.creditNote,
  };

  /** Referenced ids the sandbox checks, by field name. */
  const references = {
    department_id: ids.department,
    tax_rate_id: ids.taxRate,
    product_id: ids.product,
    product_category_id: ids.productCategory,
    company_id: ids.company,
    contact_id: ids.contact,
    contact_person_id: ids.contact,
    deal_id: ids.deal,
    responsible_user_id: ids.user,
    phase_id: ids.phase,
    invoice_id: ids.invoiceCredited,
  };

  function rewrite(node, depth) {
    if (Array.isArray(node)) {
      const flat = node.some(Array.isArray) ? node.flat() : node;
      return flat.filter((item) => item !== null).map((item) => rewrite(item, depth + 1));
    }
    if (!node || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (onlyIds && depth === 0 && key === 'filter') {
        if (listOf[endpoint]) out.filter = { ids: [listOf[endpoint]] };
      } else if (key.startsWith('name `')) out.name = key.slice(6, key.lastIndexOf('`'));
      else if (depth === 0 && key === 'id' && subjectOf[endpoint]) out.id = subjectOf[endpoint];
      else if (key === 'ids' && listOf[endpoint]) out.ids = [listOf[endpoint]];
      else if (key in references && typeof value === 'string') out[key] = references[key];
      else if (key === 'customer' && value && typeof value === 'object' && !Array.isArray(value)) {
        out.customer = { ...value, id: value.type === 'contact' ? ids.contact : ids.company };
      } else out[key] = rewrite(value, depth + 1);
    }
    return out;
  }

  return rewrite(body, 0);
}

module.exports = { rewriteExample };
