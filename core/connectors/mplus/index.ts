/** The MplusKASSA connector: client, incremental reads, errors, JS shapes and conversions. */
export { MplusClient, type MplusClientOptions, type CreatedOrder, type CreatedOrderV3, type CreateOrderV3Options, type SavedInvoice, type WriteStamp } from './client';
export type { ConnectionVerdict } from './connection-test';
export { readChanges, type ChangesPage, type MplusChangeReader, type MplusSyncEntity, type MplusSyncItems, type ReadChangesOptions } from './sync';
export * from './errors';
export * from './schemas';
export {
  eurosToCents,
  centsToEuros,
  scaleQuantity,
  unscaleQuantity,
  isoToMplusDate,
  mplusDateToIso,
  isoToMplusDateTime,
  mplusDateTimeToIso,
  isoFromInstant,
  amsterdamDate,
} from './convert';
export { mplusOperations, type MplusOperation } from './xsd-model';
