import { definePermission } from '../access/index';

/**
 * Issuing a one-time claim code for an account registered on someone's behalf: region admins
 * whose scope holds the person (and the staff member who registered them, see claim-codes.ts).
 */
export const ACCOUNT_CLAIM_CODE = definePermission('account.claim_code', ['region_admin']);
