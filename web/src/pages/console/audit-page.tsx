import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Descriptions, Drawer, Flex, Form, Row, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { FilterActions } from '../../components/filter-actions';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { changedKeys, prettyJson } from '../../features/audit/json-diff';
import { AUDIT_ACTIONS, AUDIT_OBJECTS, actionLabel, auditSentence, objectLabel } from '../../features/audit/audit-words';
import { useAuditList, type AuditFilter } from '../../features/audit/use-audit';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

interface FilterValues {
  region?: string[];
  action?: string;
  objectType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const FIRST_PAGE: AuditFilter = { page: 1, pageSize: 20 };

function hasFilters(f: AuditFilter): boolean {
  return !!(f.regionCode || f.action || f.objectType || f.from || f.to);
}

/** 审计日志: who did what, where, when; filters above, a detail drawer with before and after. */
export default function AuditPage() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const { dateTime, lang } = useFormat();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const actionOptions = useMemo(
    () => Object.keys(AUDIT_ACTIONS).map((a) => ({ value: a, label: `${objectLabel(a.split('.')[0] === 'org' ? 'organization' : a.split('.')[0]!, lang)} · ${actionLabel(a, lang)}` })),
    [lang],
  );
  const objectOptions = useMemo(() => Object.keys(AUDIT_OBJECTS).map((o) => ({ value: o, label: objectLabel(o, lang) })), [lang]);
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>(FIRST_PAGE);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const { data, error, isFetching: loading, refetch: reload } = useAuditList(filter);

  const onSearch = (v: FilterValues) => {
    const [from, to] = v.range ?? [];
    setFilter({
      page: 1,
      pageSize: filter.pageSize,
      regionCode: v.region?.length ? v.region[v.region.length - 1] : undefined,
      action: v.action?.trim() || undefined,
      objectType: v.objectType?.trim() || undefined,
      from: from ? from.startOf('day').format() : undefined,
      to: to ? to.endOf('day').format() : undefined,
    });
  };

  const onReset = () => {
    form.resetFields();
    setFilter({ ...FIRST_PAGE, pageSize: filter.pageSize });
  };

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 190, render: (v: string) => dateTime(v) },
    {
      key: 'what',
      title: t('audit.what'),
      render: (_: unknown, e) => <span data-testid="audit-sentence">{auditSentence(e, lang)}</span>,
    },
    { key: 'region', title: t('audit.region'), width: 200, render: (_: unknown, e) => e.regionName ?? t('common.none') },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_: unknown, e) => (
        <Button type="link" onClick={() => setOpen(e)} data-testid="audit-detail">
          {t('common.details')}
        </Button>
      ),
    },
  ];

  const filtered = hasFilters(filter);

  return (
    <Flex vertical gap={16} data-testid="audit-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>

      <Card>
        <Form<FilterValues> form={form} layout="vertical" onFinish={onSearch} data-testid="audit-filters">
          <Row gutter={16}>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="region" label={t('audit.region')}>
                <RegionCascader roots={roots} placeholder={t('audit.regionPlaceholder')} testId="audit-region" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="action" label={t('audit.action')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={actionOptions} placeholder={t('audit.actionPlaceholder')} data-testid="audit-action" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={5}>
              <Form.Item name="objectType" label={t('audit.objectType')}>
                <Select allowClear options={objectOptions} placeholder={t('audit.objectTypePlaceholder')} data-testid="audit-object-type" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="range" label={t('audit.dateRange')}>
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} data-testid="audit-range" />
              </Form.Item>
            </Col>
          </Row>
          <FilterActions onReset={onReset} searchTestId="audit-search" />
        </Form>
      </Card>

      <Card>
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : loading && !data ? (
          <LoadingBlock rows={8} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            data-testid="audit-table"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 'max-content' }}
            onRow={(e) => ({ onDoubleClick: () => setOpen(e) })}
            locale={{
              emptyText: filtered ? (
                <EmptyState title={t('audit.empty')} hint={t('audit.emptyHint')} action={<Button onClick={onReset}>{t('common.reset')}</Button>} />
              ) : (
                <EmptyState title={t('audit.emptyAll')} hint={t('audit.emptyAllHint')} />
              ),
            }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
            }}
          />
        )}
      </Card>

      <AuditDrawer entry={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}

function AuditDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { dateTime, lang } = useFormat();
  const changed = entry ? changedKeys(entry.before, entry.after) : [];
  const before = entry ? prettyJson(entry.before) : null;
  const after = entry ? prettyJson(entry.after) : null;
  return (
    <Drawer open={!!entry} onClose={onClose} title={t('audit.detail')} size={880} destroyOnHidden data-testid="audit-drawer">
      {entry ? (
        <Flex vertical gap={16}>
          <Descriptions
            column={2}
            size="small"
            bordered
            items={[
              { key: 'at', label: t('audit.at'), children: dateTime(entry.at) },
              { key: 'actor', label: t('audit.actor'), children: entry.actorName ?? t('audit.system') },
              { key: 'what', label: t('audit.what'), span: 2, children: auditSentence(entry, lang) },
              { key: 'type', label: t('audit.objectType'), children: objectLabel(entry.objectType, lang) },
              { key: 'oname', label: t('audit.object'), children: entry.objectName ?? t('common.none') },
              { key: 'region', label: t('audit.region'), children: entry.regionName ?? t('common.none') },
              ...(entry.onBehalfOfName ? [{ key: 'obo', label: t('audit.actor'), children: t('audit.onBehalfOf', { name: entry.onBehalfOfName }) }] : []),
            ]}
          />
          {changed.length > 0 ? (
            <Flex gap={4} wrap>
              {changed.map((k) => (
                <Tag key={k} color="gold">
                  {k}
                </Tag>
              ))}
            </Flex>
          ) : null}
          <Row gutter={16}>
            <Col span={12}>
              <Typography.Title level={5}>{t('audit.before')}</Typography.Title>
              <pre className="ax-json" data-testid="audit-before">
                {before ?? t('audit.nothing')}
              </pre>
            </Col>
            <Col span={12}>
              <Typography.Title level={5}>{t('audit.after')}</Typography.Title>
              <pre className="ax-json" data-testid="audit-after">
                {after ?? t('audit.nothing')}
              </pre>
            </Col>
          </Row>
        </Flex>
      ) : null}
    </Drawer>
  );
}
