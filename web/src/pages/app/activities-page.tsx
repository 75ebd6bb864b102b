import { useQuery } from '@tanstack/react-query';
import type { ApiQuery } from '../../api/client';
import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Pagination, Segmented, Select, Tag, Typography } from 'antd';
import { EnvironmentOutlined, ClockCircleOutlined, TeamOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { activitiesApi, type Activity } from '../../features/activities/api';
import { categoryLabel, categoryOptions, timeRange } from '../../features/activities/labels';
import { toBeijingIso } from '../../features/activities/geo';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

const PAGE_SIZE = 10;

/** 活动: published activities with filters, and 我的活动 (the ones I signed up for). */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const mine = params.get('tab') === 'mine';
  const [category, setCategory] = useState<ApiQuery<'/activities'>['category']>();
  const [region, setRegion] = useState<string[]>([]);
  const [day, setDay] = useState<Dayjs | null>(null);
  const [page, setPage] = useState(1);
  const regionCode = region[region.length - 1];
  const filtered = !!(category || regionCode || day);

  const { data, error, isFetching: loading, refetch: reload } = useQuery(activitiesApi.list({
          page,
          pageSize: PAGE_SIZE,
          mine: mine ? 'signed_up' : undefined,
          category,
          regionCode,
          from: day ? toBeijingIso(day.startOf('day').toDate()) : undefined,
          to: day ? toBeijingIso(day.endOf('day').toDate()) : undefined,
        }));

  const setTab = (v: string) => {
    setPage(1);
    setParams(v === 'mine' ? { tab: 'mine' } : {}, { replace: true });
  };

  return (
    <Flex vertical gap={12} data-testid="activities-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('activities.title')}
      </Typography.Title>
      <Segmented
        block
        value={mine ? 'mine' : 'all'}
        onChange={(v) => setTab(String(v))}
        options={[
          { value: 'all', label: <span data-testid="activities-tab-all">{t('activities.list.all')}</span> },
          { value: 'mine', label: <span data-testid="activities-tab-mine">{t('activities.list.mine')}</span> },
        ]}
      />
      {mine ? null : (
        <Flex vertical gap={8}>
          <Flex gap={8}>
            <Select
              allowClear
              style={{ flex: 1 }}
              placeholder={t('activities.list.categoryAll')}
              value={category}
              onChange={(v?: string) => {
                setCategory(v as typeof category);
                setPage(1);
              }}
              options={categoryOptions(lang)}
              data-testid="activities-filter-category"
            />
            <DatePicker
              style={{ flex: 1 }}
              value={day}
              onChange={(d) => {
                setDay(d);
                setPage(1);
              }}
              placeholder={t('activities.list.date')}
              inputReadOnly
              data-testid="activities-filter-date"
            />
          </Flex>
          <RegionCascader
            value={region}
            onChange={(p) => {
              setRegion(p);
              setPage(1);
            }}
            placeholder={t('activities.list.regionAll')}
            testId="activities-filter-region"
          />
        </Flex>
      )}
      {loading && !data ? (
        <LoadingBlock rows={6} testId="activities-loading" />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data || data.items.length === 0 ? (
        <Card>
          {mine ? (
            <EmptyState testId="activities-empty" title={t('activities.list.emptyMine')} hint={t('activities.list.emptyMineHint')} action={<Button type="primary" onClick={() => setTab('all')}>{t('activities.list.browse')}</Button>} />
          ) : filtered ? (
            <EmptyState testId="activities-empty" title={t('activities.list.emptyFiltered')} hint={t('activities.list.emptyFilteredHint')} />
          ) : (
            <EmptyState testId="activities-empty" title={t('activities.empty')} hint={t('activities.emptyHint')} action={<Button onClick={() => navigate('/')}>{t('common.backHome')}</Button>} />
          )}
        </Card>
      ) : (
        <>
          {data.items.map((a) => (
            <ActivityCard key={a.id} activity={a} onOpen={() => navigate(`/activities/${a.id}`)} lang={lang} />
          ))}
          {data.total > PAGE_SIZE ? <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} style={{ alignSelf: 'center' }} /> : null}
        </>
      )}
    </Flex>
  );
}

/** One published activity in a list: title, time, place, category and places left. */
export function ActivityCard({ activity: a, onOpen, lang }: { activity: Activity; onOpen: () => void; lang: 'zh-CN' | 'en' }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const left = Math.max(0, a.capacity - a.confirmedCount);
  const ended = new Date(a.endsAt) < new Date();
  return (
    <Card hoverable onClick={onOpen} data-testid="activity-card" styles={{ body: { padding: 16 } }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: '1.1em' }} data-testid="activity-card-title">
            {a.title}
          </Typography.Text>
          <span style={{ whiteSpace: 'nowrap' }}>
            {a.mySignup === 'confirmed' ? <Tag color="green">{t('activities.list.signedUp')}</Tag> : null}
            {a.mySignup === 'waitlisted' ? <Tag color="gold">{t('activities.list.waitlisted')}</Tag> : null}
            {a.status === 'cancelled' ? <Tag color="warning">{t('activities.status.cancelled')}</Tag> : ended ? <Tag>{t('activities.list.ended')}</Tag> : null}
          </span>
        </Flex>
        <Typography.Text type="secondary">
          <ClockCircleOutlined /> {timeRange(a.startsAt, a.endsAt, dateTime)}
        </Typography.Text>
        <Typography.Text type="secondary">
          <EnvironmentOutlined /> {a.address}
        </Typography.Text>
        <Flex justify="space-between" align="center" wrap gap={4}>
          <Tag color="red">{categoryLabel(a.category, lang)}</Tag>
          <Typography.Text type={left === 0 ? 'warning' : undefined} data-testid="activity-card-left">
            <TeamOutlined /> {left === 0 ? t('activities.list.full') : t('activities.list.placesLeft', { n: left })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
