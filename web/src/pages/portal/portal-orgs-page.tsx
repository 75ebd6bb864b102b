import { useQuery } from '@tanstack/react-query';
import type { ApiQuery } from '../../api/client';
import { useState } from 'react';
import { Card, Flex, Input, Select, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { apiQuery } from '../../api/query';
import { categoryLabel } from '../../features/activities/labels';
import { orgTypeLabel, orgTypeOptions } from '../../features/portal/org-labels';
import { useFormat } from '../../i18n/use-format';
import { PagedList, PORTAL_PAGE_SIZE } from '../../features/portal/paged-list';
import { usePortalPage } from '../../features/portal/use-portal-page';

/** 志愿服务组织: the active organisations of the region (the server shows the public nothing else). */
export default function PortalOrgsPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const navigate = useNavigate();
  const { code, page, setPage, filtered } = usePortalPage();
  const [q, setQ] = useState('');
  const [type, setType] = useState<ApiQuery<'/orgs'>['type']>();
  const list = useQuery(apiQuery('/orgs', { query: { regionCode: code, q: q || undefined, type, page, pageSize: PORTAL_PAGE_SIZE } }));

  return (
    <Flex vertical gap={12} data-testid="portal-orgs">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('portal.orgs.title')}
      </Typography.Title>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          style={{ flex: '2 1 200px' }}
          placeholder={t('portal.orgs.search')}
          maxLength={50}
          enterButton
          onSearch={filtered(setQ)}
          data-testid="portal-orgs-search"
        />
        <Select
          allowClear
          style={{ flex: '1 1 140px' }}
          placeholder={t('portal.orgs.type')}
          value={type}
          onChange={filtered(setType)}
          options={orgTypeOptions(lang)}
        />
      </Flex>
      <PagedList state={list} page={page} onPage={setPage} empty={{ testId: 'portal-orgs-empty', title: t('portal.orgs.empty'), hint: t('portal.orgs.emptyHint') }}>
        {(items) =>
          items.map((o) => (
            <Card key={o.id} hoverable size="small" onClick={() => navigate(`/portal/orgs/${o.id}`)} data-testid="portal-org-card">
              <Flex vertical gap={4}>
                <Typography.Text strong style={{ fontSize: '1.05em' }}>
                  {o.name}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {orgTypeLabel(o.type, lang)}
                  {o.regionName ? (
                    <>
                      {' · '}
                      <EnvironmentOutlined /> {o.regionName}
                    </>
                  ) : null}
                  {typeof o.memberCount === 'number' ? ` · ${t('portal.orgs.members', { n: o.memberCount })}` : null}
                </Typography.Text>
                <div>
                  {o.serviceCategories.map((c) => (
                    <Tag key={c} color="volcano">
                      {categoryLabel(c, lang)}
                    </Tag>
                  ))}
                </div>
              </Flex>
            </Card>
          ))
        }
      </PagedList>
    </Flex>
  );
}
