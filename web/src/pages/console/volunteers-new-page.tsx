import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OnBehalfForm } from '../../features/people/on-behalf-form';

/** 代注册 as its own page (station admins reach it from the menu). */
export default function VolunteersNewPage() {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="on-behalf-page" style={{ maxWidth: 640 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('people.onBehalf.title')}
      </Typography.Title>
      <Card>
        <OnBehalfForm />
      </Card>
    </Flex>
  );
}
