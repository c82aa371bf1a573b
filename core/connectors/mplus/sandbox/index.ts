/** The MplusKASSA sandbox: server, seed format and the demo seed. */
export { startMplusSandbox, type MplusSandbox, type MplusSandboxOptions, type SandboxExchange } from './server';
export { mplusSeedSchema, parseMplusSeed, MplusSeedError, type MplusSeed, type MplusSeedInput } from './seed';
export {
  demoMplusSeed,
  demoRelationNumber,
  demoMplusOrderId,
  demoVatCodes,
  demoPaymentMethodCodes,
  demoDeliveryMethodCodes,
  demoBranchNumber,
  demoSuperuserEmployee,
} from './demo-seed';
export type { MplusSandboxSnapshot } from './store';
