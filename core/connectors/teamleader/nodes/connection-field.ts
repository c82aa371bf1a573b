/** The connection field every Teamleader node has, the check that it names a stored one, and the ledger scope. */
import { connectionFieldOf } from '../../shared/connection-field';
import { teamleaderConnectionKindIds } from '../connection-client';

export const { connectionField, checkConnection } = connectionFieldOf({ app: 'Teamleader', anApp: 'a Teamleader', kinds: teamleaderConnectionKindIds });

/** The id ledger's name for the Teamleader of a connection. */
export const teamleaderScope = (connectionId: string) => `teamleader:${connectionId}`;
