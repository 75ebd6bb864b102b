import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Button, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { ownScopes } from '../../features/access/grant-rules';
import { OrgDetail } from '../../features/orgs/org-detail';
import { ORG_STATUS_COLOR } from '../../features/orgs/org-status';
import { peopleApi } from '../../features/people/api';
import { orgTypeLabel } from '../../features/people/labels';
import { useFormat } from '../../i18n/use-format';

/** 我的组织 (org admins): the organisations my grants name; `/console/my-orgs/:id` manages one. */
export default function OrgsMinePage() {
  return (
    <Routes>
      <Route index element={<MyOrgList />} />
      <Route path=":id" element={<DetailRoute />} />
    </Routes>
  );
}

function DetailRoute() {
  const { id = '' } = useParams();
  return <OrgDetail id={id} back="/console/my-orgs" canEdit />;
}

function MyOrgList() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const orgs = useMemo(() => ownScopes(grants.filter((g) => g.role === 'org_admin'), 'org'), [grants]);
  return (
    <Flex vertical gap={16} data-testid="my-orgs-console">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('people.myOrgsConsole.title')}
      </Typography.Title>
      {orgs.length === 0 ? (
        <Card>
          <EmptyState title={t('people.myOrgsConsole.empty')} hint={t('people.myOrgsConsole.emptyHint')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {orgs.map((o) => (
            <Col key={o.id} xs={24} md={12} xl={8}>
              <OrgCard id={o.id} name={o.name} />
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}

function OrgCard({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { data, error } = useQuery(peopleApi.org(id));
  return (
    <Card
      title={name}
      data-testid="my-org-card"
      extra={
        <Link to={`/console/my-orgs/${id}`}>
          <Button type="primary" size="small" data-testid="my-org-open">
            {t('people.myOrgsConsole.open')}
          </Button>
        </Link>
      }
    >
      {data ? (
        <Flex vertical gap={4}>
          <div>
            <Tag color={ORG_STATUS_COLOR[data.status]} data-testid="my-org-status">
              {t(`people.orgStatus.${data.status}`)}
            </Tag>
            <Tag>{orgTypeLabel(data.type, lang)}</Tag>
          </div>
          <Typography.Text type="secondary">{[data.regionName, data.memberCount !== undefined ? t('people.join.members', { n: data.memberCount }) : null].filter(Boolean).join(' · ')}</Typography.Text>
          {data.statusReason ? <Typography.Text type="warning">{t('people.orgs.statusReason', { reason: data.statusReason })}</Typography.Text> : null}
        </Flex>
      ) : error ? (
        <Typography.Text type="secondary">{t('people.join.notFound')}</Typography.Text>
      ) : (
        <LoadingBlock rows={1} />
      )}
    </Card>
  );
}
