/** mplus.source.articleGroups: the article groups (product categories) created or changed since the last run. */
import { changesSource } from './changes-source';

export const mplusArticleGroupsSource = changesSource({
  type: 'mplus.source.articleGroups',
  title: 'Article groups from MplusKASSA',
  description:
    'Reads the article groups (the product categories) made, changed or deleted in MplusKASSA since the last run. Each record is one group (key: its groupNumber): name, text, parentGroupNumber (0 = a main group), subGroupNumbers, sortOrder, productNumbers, isDeleted.',
  entity: 'articleGroups',
  plural: 'article groups',
  currentMarker: (m) => m.articleGroupSyncMarker,
  records: (group) => [{ key: String(group.groupNumber), data: group }],
});
