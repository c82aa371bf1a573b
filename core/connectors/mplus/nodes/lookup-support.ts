/** The `as` field of the MplusKASSA lookups; the rest they share with every lookup is in ../../shared/lookup-support. */
import { asFieldOf } from '../../shared/lookup-support';

export const asField = asFieldOf('MplusKASSA', 'mplus');
