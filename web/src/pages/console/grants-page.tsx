import { useMemo, useState } from 'react';
import { App, Button, Card, Drawer, Flex, Form, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@shared/constants';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import type { GrantListItem } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useMe } from '../../features/auth/auth-context';
import { grantableRoles, regionRoots } from '../../features/access/grant-rules';
import { scopeText } from '../../features/access/scope-text';
import { revokeGrant, useGrantList, type GrantFilter } from '../../features/access/use-grants';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';
import { GrantForm } from './grant-form';

interface FilterValues {
  role?: Role;
  region?: string[];
}

const FIRST_PAGE: GrantFilter = { page: 1, pageSize: 20 };

/** 角色授权: the grants inside my scope; grant a role; revoke one. */
export default function GrantsPage() {
  const { t } = useTranslation();
  const { grants: myGrants } = useMe();
  const { dateTime, lang } = useFormat();
  const { message } = App.useApp();
  const roots = useMemo(() => regionRoots(myGrants, ['region_admin']), [myGrants]);
  const canGrant = grantableRoles(myGrants).length > 0;
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<GrantFilter>(FIRST_PAGE);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);
  const { data, error, isFetching: loading, refetch: reload } = useGrantList(filter);

  const onSearch = (v: FilterValues) => {
    setFilter({ page: 1, pageSize: filter.pageSize, role: v.role, regionCode: v.region?.length ? v.region[v.region.length - 1] : undefined });
  };
  const onReset = () => {
    form.resetFields();
    setFilter({ ...FIRST_PAGE, pageSize: filter.pageSize });
  };

  const onRevoke = async (g: GrantListItem) => {
    setRevoking(g.id);
    try {
      await revokeGrant(g.id);
      void message.success(t('grants.revoked'));
      reload();
    } catch (err) {
      void message.error(isApiError(err) && err.code === 'FORBIDDEN' ? t('grants.forbidden') : describeError(err, t, lang).title);
    } finally {
      setRevoking(null);
    }
  };

  const columns: TableColumnsType<GrantListItem> = [
    { key: 'person', title: t('grants.person'), dataIndex: 'userName' },
    { key: 'phone', title: t('grants.phone'), dataIndex: 'userPhone' },
    { key: 'role', title: t('grants.role'), dataIndex: 'role', render: (r: Role) => <Tag color="blue">{t(`roles.${r}`)}</Tag> },
    { key: 'scope', title: t('grants.scope'), render: (_: unknown, g) => scopeText(g, t) },
    { key: 'createdAt', title: t('grants.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_: unknown, g) => (
        <Popconfirm
          title={t('grants.revokeConfirm', { name: g.userName, role: t(`roles.${g.role}`) })}
          okText={t('grants.revoke')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => onRevoke(g)}
        >
          <Button type="link" danger loading={revoking === g.id} data-testid="grant-revoke">
            {t('grants.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const filtered = !!(filter.role || filter.regionCode);

  return (
    <Flex vertical gap={16} data-testid="grants-page">
      <Flex justify="space-between" align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('grants.title')}
        </Typography.Title>
        {canGrant ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="grant-create">
            {t('grants.create')}
          </Button>
        ) : null}
      </Flex>

      <Card>
        <Form<FilterValues> form={form} layout="inline" onFinish={onSearch} data-testid="grants-filters" style={{ rowGap: 12 }}>
          <Form.Item name="role" label={t('grants.role')}>
            <Select<Role>
              allowClear
              style={{ width: 180 }}
              placeholder={t('grants.allRoles')}
              options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              data-testid="grants-filter-role"
            />
          </Form.Item>
          {roots.length > 0 ? (
            <Form.Item name="region" label={t('grants.region')}>
              <RegionCascader roots={roots} placeholder={t('grants.regionPlaceholder')} style={{ width: 260 }} testId="grants-filter-region" />
            </Form.Item>
          ) : null}
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
        {error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : loading && !data ? (
          <LoadingBlock rows={8} />
        ) : (
          <Table<GrantListItem>
            rowKey="id"
            data-testid="grants-table"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 800 }}
            locale={{
              emptyText: filtered ? (
                <EmptyState title={t('grants.emptyFiltered')} hint={t('grants.emptyFilteredHint')} action={<Button onClick={onReset}>{t('common.reset')}</Button>} />
              ) : (
                <EmptyState
                  title={t('grants.empty')}
                  hint={t('grants.emptyHint')}
                  action={
                    canGrant ? (
                      <Button type="primary" onClick={() => setCreating(true)}>
                        {t('grants.create')}
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
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
            }}
          />
        )}
      </Card>

      <Drawer open={creating} onClose={() => setCreating(false)} title={t('grants.formTitle')} size={480} data-testid="grant-drawer">
        <GrantForm
          onCancel={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            reload();
          }}
        />
      </Drawer>
    </Flex>
  );
}
