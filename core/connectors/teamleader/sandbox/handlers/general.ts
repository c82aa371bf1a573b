/** users.me and departments.list. */
import { departmentsListRequest } from '../../schemas-requests';
import { validate } from '../api-error';
import { sortItems } from '../list-query';
import { text } from '../render-common';
import { ok, type Handler } from './types';

export const generalHandlers: Record<string, Handler> = {
  'users.me': (ctx) => {
    const { state } = ctx.store;
    const user = state.users[0];
    if (!user) throw new Error('the sandbox seed has no user');
    return ok({
      data: {
        id: user.id,
        account: { type: 'account', id: state.account.id },
        first_name: user.first_name,
        last_name: user.last_name,
        email: user.email,
        email_verification_status: user.email_verification_status,
        telephones: user.telephones,
        language: user.language,
        // Non-nullable text: "" when the user has no function (render-common.ts).
        function: text(user.function),
        time_zone: user.time_zone,
        preferences: { invoiceable: true, historic_time_tracking_limit: null, whitelabeling: false },
      },
    });
  },

  /** No paging in the blueprint: the whole set. Default order: default department first, then created. */
  'departments.list': (ctx, body) => {
    const req = validate(departmentsListRequest, body);
    const { ids, status } = req.filter ?? {};
    const all = ctx.store.state.departments;
    const items = all.filter((d) => (!ids || ids.includes(d.id)) && (!status || status.includes(d.status)));
    const order = new Map(all.map((d, i) => [d.id, i]));
    const sorted = sortItems(items, req.sort, [{ field: 'default_department' }, { field: 'created_at' }], (d, field) =>
      field === 'name' ? d.name : (order.get(d.id) ?? 0),
    );
    return ok({ data: sorted.map((d) => ({ id: d.id, name: d.name, vat_number: text(d.vat_number), currency: d.currency, emails: d.emails, status: d.status })) });
  },
};
