import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** A phone page's title row with a 44 px back arrow (to 我的 unless told otherwise). */
export function PhonePageHeader({ title, back = '/me', extra }: { title: string; back?: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="space-between" gap={8}>
      <Flex align="center" gap={4}>
        <Link to={back} aria-label={t('common.back')} style={{ fontSize: 20, minWidth: 44, minHeight: 44, display: 'inline-flex', alignItems: 'center' }} data-testid="page-back">
          <LeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      </Flex>
      {extra}
    </Flex>
  );
}
