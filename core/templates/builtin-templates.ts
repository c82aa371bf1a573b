/** The five seed flows of the MplusKASSA ⇄ Teamleader integration (MISSION ORD-*, CUS-*, PRD-*). */
import { z } from 'zod';
import { ui } from '../nodes/define-node';
import { defineTemplate, type TemplateDef } from './define-template';
import { firstRun, updateExistingCustomers, valueTable, vatMethod } from './settings-fields';

export const customersTeamleaderToMplus = defineTemplate({
  id: 'customers-teamleader-to-mplus',
  version: 1,
  name: 'Customers: Teamleader → MplusKASSA',
  description: 'People and companies from Teamleader become customers in MplusKASSA, matched by email: created when new, updated when changed.',
  apps: ['teamleader', 'mplus'],
  file: 'customers-teamleader-to-mplus.flow.json',
  settings: z.object({
    firstRun,
    updateExistingCustomers,
    vatMethodByCountry: valueTable('VAT method per country', 'How MplusKASSA charges VAT to customers from each country (country code → VAT method), e.g. shifted (reverse charge) for business customers abroad.', [
      { from: 'NL', to: 'VAT-METHOD-INCLUSIVE' },
      { from: 'BE', to: 'VAT-METHOD-INCLUSIVE' },
    ]),
    defaultVatMethod: vatMethod.default('VAT-METHOD-INCLUSIVE').meta(ui({ label: 'VAT method for other countries' })),
  }),
});

export const builtinTemplates: TemplateDef[] = [customersTeamleaderToMplus];
