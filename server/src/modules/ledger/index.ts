/** The ledger's public face: other modules move points and time only through these. */
export { ledgerRoutes } from './ledger.routes';
export {
  transfer,
  reserve,
  postPending,
  voidPending,
  expirePending,
  reverse,
  creditService,
  balances,
  passbook,
  verifyLedger,
  effectivePolicy,
  cityRegionOf,
  toTransfer,
  serviceCreditTransfers,
} from './ledger.service';
export type { AccountRef, TransferInput, ReserveInput, TransferOutcome, CreditServiceInput, CreditServiceOutcome } from './ledger.service';
export { computeCredit, roundMinutes, pointsFor, DEFAULT_POLICY } from './ledger.policy-math';
