/** The ledger's public face: other modules move points and time only through these. */
export { ledgerRoutes } from './ledger.routes';
export { transfer, reserve, postPending, voidPending, releaseReservation, settleReservation, expirePending, reverse, cityRegionOf, toTransfer } from './ledger.engine';
export type { AccountRef, TransferInput, ReserveInput, TransferOutcome, SettleOutcome } from './ledger.engine';
export { creditService, creditServices, creditedServiceKeys, serviceCreditTransfers } from './ledger.credits';
export type { CreditServiceInput, CreditServiceOutcome } from './ledger.credits';
export { balances, balancesMany, passbook } from './ledger.passbook';
export { effectivePolicy } from './ledger.policies';
export { assertMayWithdraw } from './ledger.withdrawals';
export { verifyLedger, sealAll, startSealer, currentHeads, createAnchorKeyPair, loadAnchorKeys, signHeads, parseAnchors } from './ledger.proof';
export type { Anchor, VerifyOptions } from './ledger.proof';
export { archiveYear, archivedYearList, verifyArchive } from './ledger.archive';
export { computeCredit, roundMinutes, pointsFor, pickEffectivePolicy, DEFAULT_POLICY } from './ledger.policy-math';
export { sealFigures } from './proof.repository';
export { hasVerifiedRelation } from './relatives.repository';
