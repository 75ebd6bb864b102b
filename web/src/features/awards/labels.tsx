import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Campaign, Nomination } from './api';

const PHASE_COLORS: Record<Campaign['phase'], string> = { upcoming: 'default', nominating: 'blue', reviewing: 'purple', voting: 'volcano', deciding: 'orange', published: 'green' };
const STATUS_COLORS: Record<Nomination['status'], string> = { pending: 'blue', approved: 'green', rejected: 'red', awarded: 'gold', not_awarded: 'default' };

export function PhaseTag({ phase }: { phase: Campaign['phase'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={PHASE_COLORS[phase]} data-testid="campaign-phase">
      {t(`awards.phase.${phase}`)}
    </Tag>
  );
}

export function NominationStatusTag({ status }: { status: Nomination['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`awards.status.${status}`)}</Tag>;
}
