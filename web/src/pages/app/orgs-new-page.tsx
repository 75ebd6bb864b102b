import { useState } from 'react';
import { Button, Card, Flex, Result, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../api/types';
import { useMe } from '../../features/auth/auth-context';
import { OrgForm } from '../../features/orgs/org-form';
import { ORG_STATUS_COLOR } from '../../features/orgs/org-status';
import { PhonePageHeader } from '../../components/phone-page-header';

/** 登记组织: register my team; it waits for a region admin's review and I become its admin. */
export default function OrgsNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { refresh } = useMe();
  const [created, setCreated] = useState<Org | null>(null);

  return (
    <Flex vertical gap={16} data-testid="org-new-page">
      <PhonePageHeader title={t('people.orgForm.title')} />
      {created ? (
        <Card>
          <Result
            status="success"
            title={t('people.orgForm.created')}
            subTitle={t('people.orgForm.createdHint', { name: created.name })}
            data-testid="org-created"
            extra={
              <Flex vertical gap={8}>
                <div>
                  <Tag color={ORG_STATUS_COLOR[created.status]}>{t('people.orgForm.status', { status: t(`people.orgStatus.${created.status}`) })}</Tag>
                </div>
                <Button type="primary" size="large" block onClick={() => navigate('/console/my-orgs')} data-testid="org-created-console">
                  {t('people.orgForm.toConsole')}
                </Button>
              </Flex>
            }
          />
        </Card>
      ) : (
        <Card>
          <Typography.Paragraph type="secondary">{t('people.orgForm.intro')}</Typography.Paragraph>
          <OrgForm
            onDone={(o) => {
              setCreated(o);
              // the creator became the organisation's admin: load /me again so the grants show it
              void refresh();
            }}
          />
        </Card>
      )}
    </Flex>
  );
}
