/** The MplusKASSA node types (README.md in this folder says what each reads and writes). */
import type { NodeType } from '../../../nodes/define-node';
import { mplusArticleLookup } from './lookup-article';
import { mplusOrderLookup } from './lookup-order';
import { mplusRelationLookup } from './lookup-relation';
import { mplusArticleGroupsSource } from './source-article-groups';
import { mplusInvoicesSource } from './source-invoices';
import { mplusOrdersSource } from './source-orders';
import { mplusProductsSource } from './source-products';
import { mplusRelationsSource } from './source-relations';
import { mplusArticleGroupTarget } from './target-article-group';
import { mplusInvoiceTarget } from './target-invoice';
import { mplusOrderTarget } from './target-order';
import { mplusProductTarget } from './target-product';
import { mplusRelationTarget } from './target-relation';

export const mplusNodeTypes: NodeType[] = [
  mplusOrdersSource,
  mplusInvoicesSource,
  mplusRelationsSource,
  mplusProductsSource,
  mplusArticleGroupsSource,
  mplusRelationLookup,
  mplusArticleLookup,
  mplusOrderLookup,
  mplusRelationTarget,
  mplusOrderTarget,
  mplusInvoiceTarget,
  mplusProductTarget,
  mplusArticleGroupTarget,
] as NodeType[];
