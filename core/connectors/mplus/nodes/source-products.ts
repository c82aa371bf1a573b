/**
 * mplus.source.products: the articles created or changed in MplusKASSA since the last run. An
 * MplusKASSA product only groups articles (sizes, colours); articles are what is sold, so each
 * record is one article, with its product's header beside it.
 */
import { withProduct } from './article-search';
import { field, firstText } from '../../shared/record-label';
import { byNumberKeys, changesSource } from './changes-source';

export const mplusProductsSource = changesSource({
  type: 'mplus.source.products',
  title: 'Products from MplusKASSA',
  description:
    'Reads the articles made or changed in MplusKASSA since the last run (all articles of a changed product). Each record is one article (key: its articleNumber, the SKU), in MplusKASSA’s shape: articleNumber, description, invoiceText, receiptText, extraText, barcode (EAN), priceExcl and priceIncl in cents, vatCode, vatPercentage, turnoverGroup, active, … plus product { productNumber, description, groupNumbers } (the article groups it is in).',
  entity: 'products',
  plural: 'products',
  singular: 'article',
  currentMarker: (m) => m.articleSyncMarker,
  records: (product) => (product.articleList ?? []).map((article) => ({ key: String(article.articleNumber ?? ''), data: withProduct(product, article) })),
  // Only the asked articles, not every article of their products: the others did not fail.
  byKeys: byNumberKeys((client, articleNumbers) => client.getProducts({ articleNumbers, includeAllArticlesOfSelectedProducts: false })),
  // The key is the SKU already; the label is the barcode (EAN) scanned at the till, else the article's name.
  labelOf: (data) => firstText(field(data, 'barcode'), field(data, 'description')),
});
