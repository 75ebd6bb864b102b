import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Flex, Form, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ServiceCategory } from '@shared/constants';
import { useRequest } from '../../api/use-request';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { exportHref, peopleApi, type VolunteerRow } from '../../features/people/api';
import { durationText } from '@shared/lib/china-time';
import { showFormProblem } from '../../features/people/form-problem';
import { categoryLabel, categoryOptions, cleanSkills, lastCode } from '../../features/people/labels';
import { OnBehalfForm } from '../../features/people/on-behalf-form';
import { ClaimCodeCard } from '../../features/people/claim-code-card';
import { RecoveryCard } from '../../features/people/recovery-card';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

interface FilterValues {
  region?: string[];
  q?: string;
  skill?: string;
  category?: ServiceCategory;
  onBehalf?: 'true' | 'false';
}
interface Filter {
  page: number;
  pageSize: number;
  regionCode?: string;
  q?: string;
  skill?: string;
  category?: ServiceCategory;
  onBehalf?: 'true' | 'false';
}
const FIRST: Filter = { page: 1, pageSize: 20 };

/** 志愿者: the volunteers of my regions, filtered, paged, exported; detail, correction, 代注册. */
export default function VolunteersPage() {
  const { t } = useTranslation();
  const { lang, date, count } = useFormat();
  const navigate = useNavigate();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<Filter>(FIRST);
  const [openId, setOpenId] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const key = JSON.stringify(filter);
  const { data, error, loading, reload } = useRequest((s) => peopleApi.volunteers({ ...filter }, s), [key]);
  const filtered = !!(filter.regionCode || filter.q || filter.skill || filter.category || filter.onBehalf);

  const onSearch = (v: FilterValues) =>
    setFilter({ page: 1, pageSize: filter.pageSize, regionCode: lastCode(v.region), q: v.q?.trim() || undefined, skill: v.skill?.trim() || undefined, category: v.category, onBehalf: v.onBehalf });
  const onReset = () => {
    form.resetFields();
    setFilter({ ...FIRST, pageSize: filter.pageSize });
  };

  const columns: TableColumnsType<VolunteerRow> = [
    { key: 'no', title: t('people.volunteers.volunteerNo'), dataIndex: 'volunteerNo', width: 160 },
    {
      key: 'name',
      title: t('people.volunteers.name'),
      dataIndex: 'name',
      render: (v: string, p) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(p.userId)} data-testid="volunteer-open">
          {v}
        </Button>
      ),
    },
    { key: 'sex', title: t('people.volunteers.sex'), dataIndex: 'sex', width: 60, render: (s: 'M' | 'F' | null) => (s ? t(`sex.${s}`) : t('common.none')) },
    { key: 'age', title: t('people.volunteers.age'), dataIndex: 'age', width: 60, render: (a: number | null) => a ?? t('common.none') },
    { key: 'id', title: t('people.volunteers.idNumber'), dataIndex: 'idNumberMasked', render: (v: string | null) => <span data-testid="volunteer-id">{v ?? t('common.none')}</span> },
    { key: 'phone', title: t('people.volunteers.phone'), dataIndex: 'phone' },
    { key: 'region', title: t('people.volunteers.region'), dataIndex: 'regionName' },
    {
      key: 'hours',
      title: t('people.volunteers.serviceTime'),
      dataIndex: 'serviceMinutes',
      align: 'right',
      render: (m: number, p) => (
        <span data-testid="volunteer-hours">
          {durationText(m, lang)}
          {p.starLevel > 0 ? <Tag color="gold" style={{ marginInlineStart: 6 }}>{t('people.volunteers.stars', { n: p.starLevel })}</Tag> : null}
        </span>
      ),
    },
    { key: 'points', title: t('people.volunteers.points'), dataIndex: 'pointsBalance', align: 'right', render: (n: number) => <span data-testid="volunteer-points">{count(n)}</span> },
    { key: 'skills', title: t('people.volunteers.skills'), dataIndex: 'skills', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
    {
      key: 'cats',
      title: t('people.volunteers.categories'),
      dataIndex: 'serviceCategories',
      render: (s: string[]) =>
        s.map((x) => (
          <Tag key={x} color="orange">
            {categoryLabel(x, lang)}
          </Tag>
        )),
    },
    {
      key: 'by',
      title: t('people.volunteers.onBehalf'),
      render: (_: unknown, p) => (p.registeredOnBehalf ? <Tag color="purple">{t('people.volunteers.registeredBy', { name: p.registeredByName ?? '' })}</Tag> : t('people.volunteers.onBehalfNo')),
    },
    { key: 'at', title: t('people.volunteers.registeredAt'), dataIndex: 'createdAt', render: (v: string) => date(v) },
  ];

  return (
    <Flex vertical gap={16} data-testid="volunteers-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('people.volunteers.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} href={exportHref('/volunteers.xlsx', { ...filter })} data-testid="volunteers-export">
            {t('people.common.export')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => navigate('/console/imports')}>
            {t('people.menu.imports')}
          </Button>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setRegistering(true)} data-testid="volunteers-on-behalf">
            {t('people.menu.onBehalf')}
          </Button>
        </Flex>
      </Flex>

      <Card>
        <Form<FilterValues> form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 12 }} data-testid="volunteers-filters">
          {roots.length > 0 ? (
            <Form.Item name="region" label={t('people.common.region')}>
              <RegionCascader roots={roots} placeholder={t('people.common.regionAll')} style={{ width: 240 }} testId="volunteers-filter-region" />
            </Form.Item>
          ) : null}
          <Form.Item name="q" label={t('people.common.keyword')}>
            <Input allowClear placeholder={t('people.volunteers.q')} style={{ width: 200 }} data-testid="volunteers-filter-q" />
          </Form.Item>
          <Form.Item name="skill" label={t('people.volunteers.skill')}>
            <Input allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="category" label={t('people.volunteers.category')}>
            <Select allowClear style={{ width: 140 }} placeholder={t('people.common.all')} options={categoryOptions(lang)} />
          </Form.Item>
          <Form.Item name="onBehalf" label={t('people.volunteers.onBehalf')}>
            <Select
              allowClear
              style={{ width: 120 }}
              placeholder={t('people.common.all')}
              options={[
                { value: 'true', label: t('people.volunteers.onBehalfYes') },
                { value: 'false', label: t('people.volunteers.onBehalfNo') },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button onClick={onReset}>{t('common.reset')}</Button>
              <Button type="primary" htmlType="submit" data-testid="volunteers-search">
                {t('common.search')}
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>

      <Card>
        {error && !data ? (
          <ErrorState error={error} onRetry={reload} />
        ) : loading && !data ? (
          <LoadingBlock rows={8} />
        ) : (
          <Table<VolunteerRow>
            rowKey="userId"
            data-testid="volunteers-table"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1300 }}
            size="middle"
            locale={{
              emptyText: filtered ? (
                <EmptyState title={t('people.volunteers.emptyFiltered')} hint={t('people.volunteers.emptyFilteredHint')} action={<Button onClick={onReset}>{t('common.reset')}</Button>} />
              ) : (
                <EmptyState
                  title={t('people.volunteers.empty')}
                  hint={t('people.volunteers.emptyHint')}
                  action={
                    <Button type="primary" onClick={() => setRegistering(true)}>
                      {t('people.menu.onBehalf')}
                    </Button>
                  }
                />
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

      <Drawer open={!!openId} onClose={() => setOpenId(null)} title={t('people.volunteers.detail')} size={560} destroyOnHidden data-testid="volunteer-drawer">
        {openId ? <VolunteerDetail id={openId} onChanged={reload} /> : null}
      </Drawer>
      <Drawer open={registering} onClose={() => setRegistering(false)} title={t('people.onBehalf.title')} size={520} destroyOnHidden data-testid="on-behalf-drawer">
        <OnBehalfForm onDone={reload} />
      </Drawer>
    </Flex>
  );
}

interface CorrectionValues {
  name: string;
  skills: string[];
  serviceCategories: ServiceCategory[];
  availability?: string;
  region?: string[];
  reason: string;
}
const CORRECTION_FIELDS = ['name', 'skills', 'serviceCategories', 'availability', 'region', 'reason'] as const;

function VolunteerDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { lang, date, dateTime } = useFormat();
  const { message } = App.useApp();
  const { grants, user: me } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const { data: p, error, loading, reload } = useRequest((s) => peopleApi.volunteer(id, s), [id]);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<CorrectionValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (error && !p) return <ErrorState error={error} onRetry={reload} />;
  if (loading || !p) return <LoadingBlock rows={8} />;

  const onFinish = async (v: CorrectionValues) => {
    setBusy(true);
    setProblem(null);
    const region = lastCode(v.region);
    try {
      await peopleApi.correct(p.userId, {
        ...(v.name.trim() !== p.name ? { name: v.name.trim() } : {}),
        skills: cleanSkills(v.skills ?? []),
        serviceCategories: v.serviceCategories ?? [],
        availability: v.availability?.trim() ? v.availability.trim() : null,
        ...(region && region !== p.regionCode ? { regionCode: region } : {}),
        reason: v.reason.trim(),
      });
      void message.success(t('people.volunteers.corrected', { name: p.name }));
      setEditing(false);
      reload();
      onChanged();
    } catch (err) {
      setProblem(showFormProblem(form, err, t, lang, CORRECTION_FIELDS, { regionCode: 'region' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'no', label: t('people.volunteers.volunteerNo'), children: <strong>{p.volunteerNo}</strong> },
          { key: 'name', label: t('people.volunteers.name'), children: p.name },
          { key: 'id', label: t('people.volunteers.idNumber'), children: <span data-testid="volunteer-detail-id">{p.idNumberMasked ?? t('common.none')}</span> },
          { key: 'sex', label: t('people.volunteers.sex'), children: p.sex ? t(`sex.${p.sex}`) : t('common.none') },
          { key: 'birth', label: t('me.birthDate'), children: date(p.birthDate) },
          { key: 'phone', label: t('people.volunteers.phone'), children: p.phone },
          { key: 'region', label: t('people.volunteers.region'), children: p.regionName ?? p.regionCode },
          { key: 'skills', label: t('people.volunteers.skills'), children: p.skills.join('、') || t('common.none') },
          { key: 'cats', label: t('people.volunteers.categories'), children: p.serviceCategories.map((c) => categoryLabel(c, lang)).join('、') || t('common.none') },
          { key: 'avail', label: t('people.volunteers.availability'), children: p.availability ?? t('common.none') },
          { key: 'nat', label: t('people.volunteers.nationalNo'), children: p.nationalVolunteerNo ?? t('common.none') },
          { key: 'guardian', label: t('people.volunteers.guardian'), children: p.guardian ? `${p.guardian.name} ${p.guardian.phone}` : t('common.none') },
          { key: 'consent', label: t('people.volunteers.consentMethod'), children: t(`people.consentMethods.${p.consentMethod}`) },
          { key: 'by', label: t('people.volunteers.onBehalf'), children: p.registeredOnBehalf ? t('people.volunteers.registeredBy', { name: p.registeredByName ?? '' }) : t('people.volunteers.onBehalfNo') },
          { key: 'public', label: t('people.volunteers.publicDisplay'), children: p.publicDisplay ? t('people.common.yes') : t('people.common.no') },
          { key: 'at', label: t('people.volunteers.registeredAt'), children: dateTime(p.createdAt) },
        ]}
      />
      {p.registeredOnBehalf && !p.hasPassword ? <ClaimCodeCard person={p} /> : p.hasPassword && p.userId !== me?.id ? <ClaimCodeCard person={p} kind="reset" /> : null}
      {p.hasPassword && p.userId !== me?.id ? <RecoveryCard userId={p.userId} name={p.name} /> : null}
      {editing ? (
        <Card title={t('people.volunteers.correctTitle', { name: p.name })} size="small">
          <Alert type="info" showIcon message={t('people.common.onBehalfOf', { name: p.name })} description={t('people.volunteers.correctHint')} style={{ marginBottom: 16 }} />
          {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} /> : null}
          <Form<CorrectionValues>
            form={form}
            layout="vertical"
            onFinish={onFinish}
            data-testid="correction-form"
            initialValues={{ name: p.name, skills: p.skills, serviceCategories: p.serviceCategories, availability: p.availability ?? '' }}
          >
            <Form.Item name="name" label={t('people.volunteers.name')} rules={[{ required: true, whitespace: true, message: t('people.onBehalf.nameRequired') }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="region" label={t('people.volunteers.region')} extra={p.regionName ?? undefined}>
              <RegionCascader roots={roots.length ? roots : undefined} />
            </Form.Item>
            <Form.Item name="skills" label={t('people.volunteers.skills')}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
            <Form.Item name="serviceCategories" label={t('people.volunteers.categories')}>
              <Select mode="multiple" options={categoryOptions(lang)} />
            </Form.Item>
            <Form.Item name="availability" label={t('people.volunteers.availability')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="reason" label={t('people.volunteers.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('people.common.reasonRequired') }]}>
              <Input.TextArea rows={2} maxLength={200} placeholder={t('people.volunteers.reasonPlaceholder')} data-testid="correction-reason" />
            </Form.Item>
            <Flex gap={8} justify="flex-end">
              <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="correction-submit">
                {t('people.common.save')}
              </Button>
            </Flex>
          </Form>
        </Card>
      ) : (
        <Button onClick={() => setEditing(true)} data-testid="volunteer-correct">
          {t('people.volunteers.correct')}
        </Button>
      )}
    </Flex>
  );
}
