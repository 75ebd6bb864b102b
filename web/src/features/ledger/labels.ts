import type { TFunction } from 'i18next';
import { TRANSFER_CODES, type TransferStatus } from '@shared/schemas/ledger';

const KNOWN_KINDS = new Set<string>(TRANSFER_CODES);

/** The words for a passbook entry's kind (`earned` → 志愿服务记入); an unknown kind reads 其他. */
export function kindLabel(t: TFunction, kind: string): string {
  return KNOWN_KINDS.has(kind) ? t(`ledger.kinds.${kind as (typeof TRANSFER_CODES)[number]}`) : t('ledger.kinds.other');
}

export function statusLabel(t: TFunction, status: TransferStatus): string {
  return t(`ledger.statuses.${status}`);
}

export const RELATION_STATUS_COLOR = { pending: 'orange', verified: 'green', rejected: 'default' } as const;
