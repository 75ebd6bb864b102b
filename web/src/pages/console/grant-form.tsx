import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Flex, Form, Input, Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@shared/constants';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import type { User } from '../../api/types';
import { useMe } from '../../features/auth/auth-context';
import { grantableRoles, ownScopes, regionRoots } from '../../features/access/grant-rules';
import { createGrant, searchPeople, useScopeChoices, type Choice } from '../../features/access/use-grants';
import { RegionCascader } from '../../features/regions/region-cascader';
import { currentLang } from '../../i18n';
import { toFormFieldErrors } from '../../lib/form-errors';

interface GrantValues {
  person?: { value: string; label: ReactNode };
  role?: Role;
  regionCode?: string[];
  orgId?: string;
  stationId?: string;
}

const FORM_FIELDS = ['person', 'role', 'regionCode', 'orgId', 'stationId'] as const;

function mergeChoices(own: Choice[], listed: Choice[]): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const c of [...own, ...listed]) if (!seen.has(c.id)) seen.set(c.id, c.name);
  return [...seen].map(([value, label]) => ({ value, label }));
}

/** The "授权" form: find a person, pick a role and its scope, `POST /grants`. */
export function GrantForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n.language);
  const { grants } = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const role = Form.useWatch('role', form);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<{ title: string; hint: string | null } | null>(null);

  const roles = useMemo(() => grantableRoles(grants), [grants]);
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const isRegionAdmin = roots.length > 0;
  const orgs = useScopeChoices('orgs', role === 'org_admin');
  const stations = useScopeChoices('stations', role === 'station_admin');
  const orgOptions = useMemo(() => mergeChoices(ownScopes(grants, 'org'), orgs.items), [grants, orgs.items]);
  const stationOptions = useMemo(() => mergeChoices(ownScopes(grants, 'station'), stations.items), [grants, stations.items]);

  // person search, debounced; the newest answer wins
  const [people, setPeople] = useState<User[]>([]);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ctl = useRef<AbortController | null>(null);
  const onSearch = (q: string) => {
    clearTimeout(timer.current);
    ctl.current?.abort();
    const text = q.trim();
    if (!text) {
      setPeople([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    timer.current = setTimeout(() => {
      const c = new AbortController();
      ctl.current = c;
      searchPeople(text, c.signal).then(
        (page) => {
          if (c.signal.aborted) return;
          setPeople(page.items);
          setSearchError(null);
          setSearching(false);
        },
        (err: unknown) => {
          if (c.signal.aborted) return;
          setPeople([]);
          setSearchError(err);
          setSearching(false);
        },
      );
    }, 300);
  };

  const onFinish = async (v: GrantValues) => {
    if (!v.person || !v.role) return;
    setSubmitting(true);
    setProblem(null);
    try {
      await createGrant({
        userId: v.person.value,
        role: v.role,
        ...(v.role === 'region_admin' || v.role === 'partner' ? { regionCode: v.regionCode?.[v.regionCode.length - 1] } : {}),
        ...(v.role === 'org_admin' ? { orgId: v.orgId?.trim() } : {}),
        ...(v.role === 'station_admin' ? { stationId: v.stationId?.trim() } : {}),
      });
      void message.success(t('grants.created'));
      form.resetFields();
      onDone();
    } catch (err) {
      if (isApiError(err) && err.code === 'FORBIDDEN') {
        setProblem({ title: t('grants.forbidden'), hint: null });
      } else {
        if (isApiError(err)) {
          const { fields, rest } = toFormFieldErrors(err.fields, lang, FORM_FIELDS, { userId: 'person' });
          form.setFields(fields);
          const d = describeError(err, t, lang);
          setProblem({ title: d.title, hint: rest.length ? rest.join(' ') : d.hint });
        } else {
          setProblem(describeError(err, t, lang));
        }
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (roles.length === 0) return <Alert type="info" showIcon title={t('grants.noGrantable')} />;

  return (
    <Form<GrantValues> form={form} name="grant" layout="vertical" onFinish={onFinish} data-testid="grant-form" requiredMark={false}>
      {problem ? <Alert type="error" showIcon title={problem.title} description={problem.hint ?? undefined} style={{ marginBottom: 16 }} data-testid="grant-error" /> : null}

      <Form.Item name="person" label={t('grants.person')} extra={t('grants.personHint')} rules={[{ required: true, message: t('grants.personRequired') }]}>
        <Select
          labelInValue
          showSearch={{ filterOption: false, onSearch }}
          placeholder={isRegionAdmin ? t('grants.personPlaceholder') : t('grants.personPlaceholderPhone')}
          notFoundContent={
            searching ? (
              <Spin size="small" />
            ) : searchError ? (
              <Typography.Text type="danger">{describeError(searchError, t, lang).title}</Typography.Text>
            ) : (
              t('grants.noPeople')
            )
          }
          options={people.map((p) => ({ value: p.id, label: [p.name, p.phone, p.regionName].filter(Boolean).join(' · ') }))}
          data-testid="grant-person"
        />
      </Form.Item>

      <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('grants.roleRequired') }]}>
        <Select<Role>
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={() => form.setFieldsValue({ regionCode: undefined, orgId: undefined, stationId: undefined })}
          data-testid="grant-role"
        />
      </Form.Item>

      {role === 'region_admin' || role === 'partner' ? (
        <Form.Item name="regionCode" label={t('grants.region')} rules={[{ required: true, type: 'array', min: 1, message: t('grants.regionRequired') }]}>
          <RegionCascader roots={roots} testId="grant-region" />
        </Form.Item>
      ) : null}

      {role === 'org_admin' ? (
        <Form.Item name="orgId" label={t('grants.org')} rules={[{ required: true, whitespace: true, message: t('grants.orgRequired') }]}>
          {orgs.failed ? (
            <Input placeholder={t('grants.orgIdPlaceholder')} data-testid="grant-org-id" />
          ) : (
            <Select showSearch={{ optionFilterProp: 'label' }} loading={orgs.loading} options={orgOptions} placeholder={t('grants.orgPlaceholder')} data-testid="grant-org" />
          )}
        </Form.Item>
      ) : null}

      {role === 'station_admin' ? (
        <Form.Item name="stationId" label={t('grants.station')} rules={[{ required: true, whitespace: true, message: t('grants.stationRequired') }]}>
          {stations.failed ? (
            <Input placeholder={t('grants.stationIdPlaceholder')} data-testid="grant-station-id" />
          ) : (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={stations.loading}
              options={stationOptions}
              placeholder={t('grants.stationPlaceholder')}
              data-testid="grant-station"
            />
          )}
        </Form.Item>
      ) : null}

      <Flex gap={8} justify="flex-end">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="grant-submit">
          {t('grants.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
