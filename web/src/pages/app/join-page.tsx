import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Card, Flex, Input, Pagination, Select, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ORG_TYPES, type OrgType } from '@shared/constants';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { joinState } from '../../features/orgs/org-status';
import { peopleApi } from '../../features/people/api';
import { orgTypeLabel } from '../../features/people/labels';
import { PhonePageHeader } from '../../components/phone-page-header';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 10;

/** 加入组织: search the active organisations; each opens its page where one asks to join. */
export default function JoinPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<{ q?: string; type?: OrgType; page: number }>({ page: 1 });
  const { data, error, isFetching: loading, refetch: reload } = useQuery(peopleApi.orgs({ q: filter.q, type: filter.type, page: filter.page, pageSize: PAGE_SIZE }));
  const mine = useQuery(peopleApi.myMemberships());
  const filtered = !!(filter.q || filter.type);

  return (
    <Flex vertical gap={16} data-testid="join-page">
      <PhonePageHeader title={t('people.join.title')} />
      <Flex vertical gap={8}>
        <Input.Search
          size="large"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => setFilter((f) => ({ ...f, q: v.trim() || undefined, page: 1 }))}
          placeholder={t('people.join.searchPlaceholder')}
          enterButton={t('common.search')}
          data-testid="join-search"
        />
        <Select<OrgType>
          size="large"
          allowClear
          value={filter.type}
          onChange={(v) => setFilter((f) => ({ ...f, type: v, page: 1 }))}
          placeholder={t('people.join.allTypes')}
          options={ORG_TYPES.map((o) => ({ value: o, label: orgTypeLabel(o, lang) }))}
          data-testid="join-type"
        />
      </Flex>
      {error && !data ? (
        <ErrorState error={error} onRetry={reload} />
      ) : loading && !data ? (
        <LoadingBlock rows={6} />
      ) : (data?.items.length ?? 0) === 0 ? (
        <EmptyState
          title={t('people.join.empty')}
          hint={t('people.join.emptyHint')}
          action={
            <Flex gap={8} justify="center" wrap>
              {filtered ? (
                <Button
                  size="large"
                  onClick={() => {
                    setText('');
                    setFilter({ page: 1 });
                  }}
                >
                  {t('common.reset')}
                </Button>
              ) : null}
              <Button size="large" type="primary" onClick={() => navigate('/orgs/new')}>
                {t('people.join.registerOrg')}
              </Button>
            </Flex>
          }
        />
      ) : (
        <Flex vertical gap={12}>
          {data?.items.map((o) => {
            const state = joinState(mine.data?.items ?? [], o.id);
            return (
              <Link key={o.id} to={`/join/${o.id}`} style={{ color: 'inherit' }} data-testid="join-org">
                <Card size="small" hoverable>
                  <Flex align="center" gap={12}>
                    <div style={{ flex: 1 }}>
                      <Typography.Text strong style={{ fontSize: '1.05em' }}>
                        {o.name}
                      </Typography.Text>
                      <div style={{ marginTop: 4 }}>
                        <Tag>{orgTypeLabel(o.type, lang)}</Tag>
                        {state !== 'none' ? <Tag color={state === 'active' ? 'green' : 'gold'}>{t(`people.memberStatus.${state}`)}</Tag> : null}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                        {[o.regionName, o.memberCount !== undefined ? t('people.join.members', { n: o.memberCount }) : null].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </div>
                    <RightOutlined style={{ color: '#bbb' }} />
                  </Flex>
                </Card>
              </Link>
            );
          })}
          {(data?.total ?? 0) > PAGE_SIZE ? (
            <Pagination simple align="center" current={filter.page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onChange={(page) => setFilter((f) => ({ ...f, page }))} />
          ) : null}
        </Flex>
      )}
    </Flex>
  );
}
