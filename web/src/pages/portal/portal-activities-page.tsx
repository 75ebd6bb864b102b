import { useQuery } from '@tanstack/react-query';
import type { ApiQuery } from '../../api/client';
import { useState } from 'react';
import { Col, DatePicker, Flex, Input, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { activitiesApi } from '../../features/activities/api';
import { categoryOptions } from '../../features/activities/labels';
import { toBeijingIso } from '../../features/activities/geo';
import { useFormat } from '../../i18n/use-format';
import { ActivityCard } from '../app/activities-page';
import { PagedList, PORTAL_PAGE_SIZE } from '../../features/portal/paged-list';
import { usePortalPage } from '../../features/portal/use-portal-page';

/** 志愿活动: the published activities of the region, with search, category and date. */
export default function PortalActivitiesPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const navigate = useNavigate();
  const { code, page, setPage, filtered: filter } = usePortalPage();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<ApiQuery<'/activities'>['category']>();
  const [day, setDay] = useState<Dayjs | null>(null);
  const list = useQuery(activitiesApi.list({
          page,
          pageSize: PORTAL_PAGE_SIZE,
          regionCode: code,
          q: q || undefined,
          category,
          from: day ? toBeijingIso(day.startOf('day').toDate()) : undefined,
          to: day ? toBeijingIso(day.endOf('day').toDate()) : undefined,
        }));

  return (
    <Flex vertical gap={12} data-testid="portal-activities">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('portal.activities.title')}
      </Typography.Title>
      <Input.Search allowClear placeholder={t('portal.activities.search')} onSearch={filter(setQ)} enterButton data-testid="portal-activities-search" maxLength={50} />
      <Flex gap={8}>
        <Select allowClear style={{ flex: 1 }} placeholder={t('portal.activities.category')} value={category} onChange={filter(setCategory)} options={categoryOptions(lang)} data-testid="portal-activities-category" />
        <DatePicker style={{ flex: 1 }} value={day} onChange={filter(setDay)} placeholder={t('portal.activities.date')} inputReadOnly data-testid="portal-activities-date" />
      </Flex>
      <PagedList state={list} page={page} onPage={setPage} empty={{ testId: 'portal-activities-empty', title: t('portal.activities.empty'), hint: t('portal.activities.emptyHint') }}>
        {(items) => (
          <Row gutter={[12, 12]}>
            {items.map((a) => (
              <Col key={a.id} xs={24} md={12} xl={8}>
                <ActivityCard activity={a} lang={lang} onOpen={() => navigate(`/portal/activities/${a.id}`)} />
              </Col>
            ))}
          </Row>
        )}
      </PagedList>
    </Flex>
  );
}
