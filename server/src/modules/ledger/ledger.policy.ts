import { definePermission } from '../access/index';

/** Region admins set the time-bank rules of their regions. */
export const LEDGER_POLICY_EDIT = definePermission('ledger.policy.edit', ['region_admin']);
/** Staff whose region holds the volunteer verify a family relation (直系亲属). */
export const RELATIVE_VERIFY = definePermission('ledger.relative.verify', ['region_admin']);
/** A person reads their own passbook; region admins read those of the people in their regions. */
export const PASSBOOK_READ = definePermission('ledger.passbook.read', ['region_admin'], { owner: true });
/** Correcting a transfer with a reversal. */
export const LEDGER_REVERSE = definePermission('ledger.reverse', ['region_admin']);
/** Proving the whole ledger: region admins of a root region. */
export const LEDGER_VERIFY = definePermission('ledger.verify', ['region_admin']);
