/** The connection field every MplusKASSA node has, the check that it names a stored one, and the ledger scope. */
import { connectionFieldOf } from '../../shared/connection-field';
import { mplusConnectionKindIds } from '../connection-kinds';

export const { connectionField, checkConnection } = connectionFieldOf({ app: 'MplusKASSA', anApp: 'an MplusKASSA', kinds: mplusConnectionKindIds });

/** The id ledger's name for the MplusKASSA of a connection. */
export const mplusScope = (connectionId: string) => `mplus:${connectionId}`;
