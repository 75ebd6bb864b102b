import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { honoursApi, type StarLadderView } from '../../features/honours/api';
import { RegionCascader } from '../../features/regions/region-cascader';
import { useFormat } from '../../i18n/use-format';

/** 星级标准: the ladder in force for a region of my scope, where it comes from, and a new one from a date (audited). */
export default function StarLadderPage() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [path, setPath] = useState<string[]>(() => (roots[0] ? [roots[0].code] : []));
  const code = path[path.length - 1];
  const view = useQuery({ ...honoursApi.ladder(code ?? ''), enabled: Boolean(code) });
  return (
    <Flex vertical gap={16} data-testid="star-ladder-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('honours.ladder.title')}
      </Typography.Title>
      {roots.length === 0 ? (
        <Alert type="warning" showIcon title={t('honours.ladder.noScope')} />
      ) : (
        <Card>
          <Flex align="center" gap={12} wrap>
            <Typography.Text>{t('honours.ladder.region')}</Typography.Text>
            <RegionCascader roots={roots} value={path} onChange={setPath} allowClear={false} style={{ width: 320 }} testId="ladder-region" />
          </Flex>
        </Card>
      )}
      {!code ? null : view.error && !view.data ? (
        <ErrorState error={view.error} onRetry={view.refetch} />
      ) : !view.data || view.data.regionCode !== code ? (
        <LoadingBlock rows={5} />
      ) : (
        <LadderForm key={`${view.data.regionCode}:${view.data.own.length}`} view={view.data} onSaved={view.refetch} />
      )}
    </Flex>
  );
}

function LadderForm({ view, onSaved }: { view: StarLadderView; onSaved: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const e = view.effective;
  const save = async (v: { thresholds: string; notice: number; from?: Dayjs | null }) => {
    setBusy(true);
    try {
      const thresholdsHours = v.thresholds.split(/[,，\s]+/).filter(Boolean).map(Number);
      await honoursApi.putLadder(view.regionCode, { thresholdsHours, noticeWorkingDays: v.notice, ...(v.from ? { effectiveFrom: v.from.toISOString() } : {}) });
      void message.success(t('honours.ladder.saved'));
      onSaved();
    } catch (err) {
      void message.error(isApiError(err) ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Card title={t('honours.ladder.effective')}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'src', label: t('honours.ladder.source'), children: e.sourceRegionCode ? `${e.sourceRegionCode === view.regionCode ? t('honours.ladder.thisRegion') : t('honours.ladder.inherited')}${e.effectiveFrom ? ` · ${dateTime(e.effectiveFrom)}` : ''}` : t('honours.ladder.platformDefault') },
            { key: 'th', label: t('honours.ladder.thresholds'), children: <span data-testid="ladder-thresholds">{e.thresholdsHours.join(' / ')}</span> },
            { key: 'n', label: t('honours.ladder.notice'), children: e.noticeWorkingDays },
          ]}
        />
      </Card>
      <Card title={t('honours.ladder.own')}>
        <Form layout="vertical" initialValues={{ thresholds: e.thresholdsHours.join(', '), notice: e.noticeWorkingDays }} onFinish={(v) => void save(v)}>
          <Form.Item
            name="thresholds"
            label={t('honours.ladder.thresholds')}
            extra={t('honours.ladder.thresholdsHint')}
            rules={[
              {
                validator: (_r, s: string) => {
                  const n = (s ?? '').split(/[,，\s]+/).filter(Boolean).map(Number);
                  const ok = n.length > 0 && n.length <= 10 && n.every((h, i) => Number.isInteger(h) && h > 0 && (i === 0 || h > n[i - 1]!));
                  return ok ? Promise.resolve() : Promise.reject(new Error(t('honours.ladder.badThresholds')));
                },
              },
            ]}
          >
            <Input size="large" data-testid="ladder-thresholds-input" />
          </Form.Item>
          <Form.Item name="notice" label={t('honours.ladder.notice')} rules={[{ required: true }]}>
            <InputNumber min={0} max={30} size="large" data-testid="ladder-notice-input" />
          </Form.Item>
          <Form.Item name="from" label={t('honours.ladder.from')}>
            <DatePicker showTime size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="ladder-save">
            {t('honours.ladder.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
