import { useQuery } from '@tanstack/react-query';
import { alsoKeyed } from '../../api/query';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { activitiesApi } from './api';

/**
 * 还没签到: who signed up (confirmed) and has not checked in yet, read again each time the
 * kiosk's live count of check-ins moves, so the organiser can call the ones still missing.
 */
export function KioskMissing({ activityId, checkedIn }: { activityId: string; checkedIn: number | undefined }) {
  const { t } = useTranslation();
  const { data } = useQuery(alsoKeyed(activitiesApi.roster(activityId), checkedIn));
  if (!data) return null;
  const missing = data.items.filter((e) => e.signupStatus === 'confirmed' && !e.attendance);
  return (
    <Flex vertical gap={8} data-testid="kiosk-missing">
      <Typography.Text strong style={{ fontSize: 20 }}>
        {missing.length ? t('activities.kiosk.missing', { n: missing.length }) : t('activities.kiosk.noneMissing')}
      </Typography.Text>
      <Flex gap={8} wrap>
        {missing.map((e) => (
          <Tag key={e.userId} style={{ fontSize: 18, padding: '4px 10px' }} data-testid="kiosk-missing-name">
            {e.userName}
          </Tag>
        ))}
      </Flex>
    </Flex>
  );
}
