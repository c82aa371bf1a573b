/** The `as` field of the Teamleader lookups; the rest they share with every lookup is in ../../shared/lookup-support. */
import { asFieldOf } from '../../shared/lookup-support';

export const asField = asFieldOf('Teamleader', 'teamleader');
