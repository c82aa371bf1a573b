/** mplus.source.relations: the customers (relations) created or changed in MplusKASSA since the last run. */
import { field, firstText } from '../../shared/record-label';
import { byNumberKeys, changesSource } from './changes-source';

export const mplusRelationsSource = changesSource({
  type: 'mplus.source.relations',
  title: 'Customers from MplusKASSA',
  description:
    'Reads the customers (relations) made or changed in MplusKASSA since the last run. Each record is one relation (key: its relationNumber), in MplusKASSA’s shape: name, companyName, contact, email, address, zipcode, city, country, telephone, mobile, vatNumber, active, …',
  entity: 'relations',
  plural: 'customers',
  singular: 'customer',
  currentMarker: (m) => m.relationSyncMarker,
  records: (relation) => [{ key: String(relation.relationNumber ?? ''), data: relation }],
  byKeys: byNumberKeys((client, relationNumbers) => client.getRelations({ relationNumbers })),
  // The customer's email, else the name a person knows them by.
  labelOf: (data) => firstText(field(data, 'email'), field(data, 'companyName'), field(data, 'name')),
});
