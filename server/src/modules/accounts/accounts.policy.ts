import { definePermission } from '../access/index';

/**
 * Issuing a one-time claim code for an account registered on someone's behalf: region admins
 * whose scope holds the person (and the staff member who registered them, see claim-codes.ts).
 */
export const ACCOUNT_CLAIM_CODE = definePermission('account.claim_code', ['region_admin']);

/**
 * Issuing a one-time password reset code at the counter: region admins whose scope holds the
 * person; station keepers are let in by their station's area (password-reset.ts).
 */
export const ACCOUNT_PASSWORD_RESET = definePermission('account.password_reset', ['region_admin']);
