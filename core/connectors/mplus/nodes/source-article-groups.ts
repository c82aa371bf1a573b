/** mplus.source.articleGroups: the article groups (product categories) created or changed since the last run. */
import type { MplusClient } from '../client';
import type { MplusChangedArticleGroup } from '../schemas';
import { field, firstText } from '../../shared/record-label';
import { byNumberKeys, changesSource } from './changes-source';

/**
 * Article groups by number. MplusKASSA's `groupNumbers` filter selects top-level groups only (a
 * sub-group would not come back), so the groups are paged through from the start until all asked
 * ones are found; shops have few groups, so that is one request as a rule.
 */
async function articleGroupsNumbered(client: MplusClient, numbers: number[], pageSize: number): Promise<MplusChangedArticleGroup[]> {
  const wanted = new Set(numbers);
  const found: MplusChangedArticleGroup[] = [];
  for await (const page of client.readChanges('articleGroups', 0, pageSize)) {
    for (const group of page.items) if (wanted.delete(group.groupNumber)) found.push(group);
    if (wanted.size === 0) break;
  }
  return found;
}

export const mplusArticleGroupsSource = changesSource({
  type: 'mplus.source.articleGroups',
  title: 'Article groups from MplusKASSA',
  description:
    'Reads the article groups (the product categories) made, changed or deleted in MplusKASSA since the last run. Each record is one group (key: its groupNumber): name, text, parentGroupNumber (0 = a main group), subGroupNumbers, sortOrder, productNumbers, isDeleted.',
  entity: 'articleGroups',
  plural: 'article groups',
  singular: 'article group',
  currentMarker: (m) => m.articleGroupSyncMarker,
  records: (group) => [{ key: String(group.groupNumber), data: group }],
  byKeys: byNumberKeys(articleGroupsNumbered),
  labelOf: (data) => firstText(field(data, 'name')),
});
