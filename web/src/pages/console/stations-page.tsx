import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { STATION_TYPES, type StationType } from '@shared/constants';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { exportHref, peopleApi, type Station } from '../../features/people/api';
import { showFormProblem } from '../../features/people/form-problem';
import { lastCode, stationTypeLabel } from '../../features/people/labels';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

interface Filter {
  page: number;
  pageSize: number;
  regionCode?: string;
  type?: StationType;
  q?: string;
}
interface FilterValues {
  region?: string[];
  type?: StationType;
  q?: string;
}
const FIRST: Filter = { page: 1, pageSize: 20 };

/** 站点: the service stations, filtered and exported; region admins add, station admins (and region admins) edit. */
export default function StationsPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { grants } = useMe();
  const isRegionAdmin = grants.some((g) => g.role === 'region_admin');
  const myStations = useMemo(() => new Set(grants.filter((g) => g.role === 'station_admin' && g.stationId).map((g) => g.stationId!)), [grants]);
  const roots = useMemo(() => regionRoots(grants, ['region_admin', 'station_admin']), [grants]);
  const [filter, setFilter] = useState<Filter>(FIRST);
  const [form] = Form.useForm<FilterValues>();
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const { data, error, isFetching: loading, refetch: reload } = useQuery(peopleApi.stations({ ...filter }));
  const filtered = !!(filter.regionCode || filter.type || filter.q);

  const onSearch = (v: FilterValues) => setFilter({ page: 1, pageSize: filter.pageSize, regionCode: lastCode(v.region), type: v.type, q: v.q?.trim() || undefined });
  const onReset = () => {
    form.resetFields();
    setFilter({ ...FIRST, pageSize: filter.pageSize });
  };

  const columns: TableColumnsType<Station> = [
    { key: 'name', title: t('people.stations.name'), dataIndex: 'name' },
    { key: 'type', title: t('people.stations.type'), dataIndex: 'type', render: (v: string) => stationTypeLabel(v, lang) },
    { key: 'region', title: t('people.stations.region'), dataIndex: 'regionName' },
    { key: 'address', title: t('people.stations.address'), dataIndex: 'address' },
    { key: 'hours', title: t('people.stations.openingHours'), dataIndex: 'openingHours', render: (v: string | null) => v ?? t('common.none') },
    { key: 'loc', title: t('people.stations.location'), render: (_: unknown, s) => `${s.lat.toFixed(5)}, ${s.lng.toFixed(5)}` },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_: unknown, s) =>
        isRegionAdmin || myStations.has(s.id) ? (
          <Button type="link" onClick={() => setEditing(s)} data-testid="station-edit">
            {t('people.common.edit')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="stations-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('people.stations.title')}
        </Typography.Title>
        <Flex gap={8}>
          <Button icon={<DownloadOutlined />} href={exportHref('/stations.xlsx', { ...filter })}>
            {t('people.common.export')}
          </Button>
          {isRegionAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="station-create">
              {t('people.stations.create')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Card>
        <Form<FilterValues> form={form} layout="inline" onFinish={onSearch} style={{ rowGap: 12 }}>
          <Form.Item name="region" label={t('people.common.region')}>
            <RegionCascader roots={roots.length ? roots : undefined} placeholder={t('people.common.all')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="type" label={t('people.stations.type')}>
            <Select allowClear style={{ width: 200 }} placeholder={t('people.common.all')} options={STATION_TYPES.map((s) => ({ value: s, label: stationTypeLabel(s, lang) }))} />
          </Form.Item>
          <Form.Item name="q" label={t('people.common.keyword')}>
            <Input allowClear placeholder={t('people.stations.q')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button onClick={onReset}>{t('common.reset')}</Button>
              <Button type="primary" htmlType="submit">
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
          <Table<Station>
            rowKey="id"
            data-testid="stations-table"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1000 }}
            locale={{
              emptyText: filtered ? (
                <EmptyState title={t('people.stations.emptyFiltered')} hint={t('people.stations.emptyFilteredHint')} action={<Button onClick={onReset}>{t('common.reset')}</Button>} />
              ) : (
                <EmptyState
                  title={t('people.stations.empty')}
                  hint={t('people.stations.emptyHint')}
                  action={
                    isRegionAdmin ? (
                      <Button type="primary" onClick={() => setEditing('new')}>
                        {t('people.stations.create')}
                      </Button>
                    ) : undefined
                  }
                />
              ),
            }}
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
            }}
          />
        )}
      </Card>
      <Drawer
        open={!!editing}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('people.stations.createTitle') : editing ? t('people.stations.editTitle', { name: editing.name }) : ''}
        size={480}
        destroyOnHidden
      >
        {editing ? (
          <StationForm
            station={editing === 'new' ? undefined : editing}
            roots={roots}
            onDone={() => {
              setEditing(null);
              reload();
            }}
          />
        ) : null}
      </Drawer>
    </Flex>
  );
}

interface StationValues {
  name: string;
  type: StationType;
  region?: string[];
  address: string;
  lat: number;
  lng: number;
  openingHours?: string;
}
const STATION_FIELDS = ['name', 'type', 'region', 'address', 'lat', 'lng', 'openingHours'] as const;

function StationForm({ station, roots, onDone }: { station?: Station; roots: { code: string; name: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<StationValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = async (v: StationValues) => {
    setBusy(true);
    setProblem(null);
    const body = { name: v.name.trim(), type: v.type, address: v.address.trim(), lat: v.lat, lng: v.lng, openingHours: v.openingHours?.trim() || undefined };
    try {
      const s = station ? await peopleApi.updateStation(station.id, body) : await peopleApi.createStation({ ...body, regionCode: lastCode(v.region)! });
      void message.success(station ? t('people.stations.updated', { name: s.name }) : t('people.stations.created', { name: s.name }));
      onDone();
    } catch (err) {
      setProblem(showFormProblem(form, err, t, lang, STATION_FIELDS, { regionCode: 'region' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<StationValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      data-testid="station-form"
      initialValues={
        station
          ? { name: station.name, type: station.type, address: station.address, lat: station.lat, lng: station.lng, openingHours: station.openingHours ?? '' }
          : { type: 'community_station', region: roots.length === 1 ? [roots[0]!.code] : undefined }
      }
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.Item name="name" label={t('people.stations.name')} rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('people.stations.nameRequired') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="type" label={t('people.stations.type')} rules={[{ required: true, message: t('people.stations.typeRequired') }]}>
        <Select options={STATION_TYPES.map((s) => ({ value: s, label: stationTypeLabel(s, lang) }))} />
      </Form.Item>
      {station ? null : (
        <Form.Item name="region" label={t('people.stations.region')} rules={[{ required: true, type: 'array', min: 1, message: t('people.common.regionRequired') }]}>
          <RegionCascader roots={roots.length ? roots : undefined} />
        </Form.Item>
      )}
      <Form.Item name="address" label={t('people.stations.address')} rules={[{ required: true, whitespace: true, min: 2, message: t('people.stations.addressRequired') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="lat" label={t('people.stations.lat')} rules={[{ required: true, type: 'number', min: -90, max: 90, message: t('people.stations.latRequired') }]} style={{ flex: 1 }}>
          <InputNumber step={0.00001} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="lng" label={t('people.stations.lng')} rules={[{ required: true, type: 'number', min: -180, max: 180, message: t('people.stations.lngRequired') }]} style={{ flex: 1 }}>
          <InputNumber step={0.00001} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="openingHours" label={t('people.stations.openingHours')}>
        <Input maxLength={200} placeholder={t('people.stations.openingHoursPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="station-submit">
        {t('people.common.save')}
      </Button>
    </Form>
  );
}
