/** The MplusKASSA sandbox: server, seed format (with the saved state of a running sandbox) and the demo seed. */
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
export { seedStateSchema, type MplusSeedState } from './seed-state';
export { seedFromStore } from './save-seed';
