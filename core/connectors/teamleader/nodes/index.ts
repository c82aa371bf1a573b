/** The Teamleader node types (README.md in this folder says what each reads and writes). */
import type { NodeType } from '../../../nodes/define-node';
import { teamleaderCustomerLookup } from './lookup-customer';
import { teamleaderInvoiceLookup } from './lookup-invoice';
import { teamleaderProductLookup } from './lookup-product';
import { teamleaderCompaniesSource } from './source-companies';
import { teamleaderContactsSource } from './source-contacts';
import { teamleaderCreditNotesSource } from './source-credit-notes';
import { teamleaderInvoicesSource } from './source-invoices';
import { teamleaderProductCategoriesSource } from './source-product-categories';
import { teamleaderProductsSource } from './source-products';
import { teamleaderQuotationsSource } from './source-quotations';
import { teamleaderCustomerTarget } from './target-customer';
import { teamleaderInvoiceTarget } from './target-invoice';
import { teamleaderOrderProductsTarget } from './target-order-products';
import { teamleaderProductTarget } from './target-product';
import { teamleaderQuotationTarget } from './target-quotation';

export const teamleaderNodeTypes: NodeType[] = [
  teamleaderInvoicesSource,
  teamleaderQuotationsSource,
  teamleaderCreditNotesSource,
  teamleaderContactsSource,
  teamleaderCompaniesSource,
  teamleaderProductsSource,
  teamleaderProductCategoriesSource,
  teamleaderCustomerLookup,
  teamleaderProductLookup,
  teamleaderInvoiceLookup,
  teamleaderCustomerTarget,
  teamleaderProductTarget,
  teamleaderOrderProductsTarget,
  teamleaderInvoiceTarget,
  teamleaderQuotationTarget,
] as NodeType[];
