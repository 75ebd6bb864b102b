import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Input, Modal, Radio, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PictureOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import { useFormat } from '../../i18n/use-format';
import { toFormFieldErrors } from '../../lib/form-errors';
import { formatFen } from '@shared/lib/money';
import { wishesApi, type AnyWish, type ClaimantKind, type PublicWish, type WishStats, type WishStatus } from '../requests/api';

const STATUS_COLORS: Record<WishStatus, string> = { open: 'red', claimed: 'gold', delivered: 'blue', fulfilled: 'green', withdrawn: 'default' };

export function WishStatusTag({ status }: { status: WishStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="wish-status">
      {t(`requests.wishStatus.${status}`)}
    </Tag>
  );
}

/** 征集 / 已认领 / 已实现 as figures on top. */
export function WishStatsCards({ stats, loading }: { stats: WishStats | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const { count } = useFormat();
  const items: { key: keyof WishStats; label: string; color?: string }[] = [
    { key: 'collected', label: t('requests.wishes.statsCollected') },
    { key: 'claimed', label: t('requests.wishes.statsClaimed') },
    { key: 'fulfilled', label: t('requests.wishes.statsFulfilled'), color: '#389e0d' },
    { key: 'open', label: t('requests.wishes.statsOpen'), color: '#d4380d' },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="wish-stats">
      {items.map((i) => (
        <Col key={i.key} xs={12} md={6}>
          <Card size="small" data-testid={`wish-stat-${i.key}`}>
            {loading && !stats ? (
              <Skeleton active paragraph={false} />
            ) : (
              <Statistic title={i.label} value={stats ? count(stats[i.key]) : '—'} styles={{ content: { color: i.color } }} />
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** One wish on the wall: title, story, value, community, status — never who it is for. */
export function WishCard({ wish, action }: { wish: AnyWish | PublicWish; action?: ReactNode }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  return (
    <Card size="small" data-testid="wish-card" data-id={wish.id} style={{ height: '100%' }} styles={{ body: { height: '100%' } }}>
      <Flex vertical gap={8} style={{ height: '100%' }}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: 17 }} data-testid="wish-title">
            {wish.title}
          </Typography.Text>
          <WishStatusTag status={wish.status} />
        </Flex>
        <Typography.Paragraph ellipsis={{ rows: 4, expandable: true, symbol: t('requests.common.detail') }} style={{ margin: 0 }} data-testid="wish-story">
          {wish.story}
        </Typography.Paragraph>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong style={{ color: '#d4380d', fontSize: 18 }}>
            {t('requests.wishes.value', { value: formatFen(wish.valueFen) })}
          </Typography.Text>
          <Typography.Text type="secondary">
            <EnvironmentOutlined /> {wish.regionName ?? wish.regionCode}
          </Typography.Text>
        </Flex>
        {wish.claimantName ? <Typography.Text type="secondary">{t('requests.wishes.claimBy', { name: wish.claimantName })}</Typography.Text> : null}
        {wish.claimDueAt ? <Typography.Text type="secondary">{t('requests.wishes.dueBy', { time: date(wish.claimDueAt) })}</Typography.Text> : null}
        {action ? <div style={{ marginTop: 'auto' }}>{action}</div> : null}
      </Flex>
    </Card>
  );
}

interface ClaimValues {
  claimantType: ClaimantKind;
  claimantName?: string;
}

/** 认领: as whom; an organisation or company names itself. Someone faster says so plainly. */
export function ClaimModal({ wish, onClose, onDone }: { wish: AnyWish | null; onClose: () => void; onDone: (w: PublicWish) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<ClaimValues>();
  const type = Form.useWatch('claimantType', form);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const named = type === 'organization' || type === 'company';

  const submit = async (v: ClaimValues) => {
    if (!wish) return;
    setBusy(true);
    setProblem(null);
    try {
      onDone(await wishesApi.claim(wish.id, { claimantType: v.claimantType, ...(named && v.claimantName?.trim() ? { claimantName: v.claimantName.trim() } : {}) }));
      form.resetFields();
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT') setProblem(t('requests.wishes.conflict'));
      else if (isApiError(err) && Object.keys(err.fields).length) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, ['claimantType', 'claimantName'] as const);
        form.setFields(fields);
        if (rest.length) setProblem(rest.join(' '));
      } else setProblem(describeError(err, t, lang).title);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!wish} title={wish ? t('requests.wishes.claimTitle', { title: wish.title }) : ''} onCancel={onClose} footer={null}>
      <Typography.Paragraph type="secondary">{t('requests.wishes.claimIntro')}</Typography.Paragraph>
      <Form<ClaimValues> form={form} layout="vertical" size="large" initialValues={{ claimantType: 'volunteer' }} onFinish={submit} data-testid="claim-form">
        <Form.Item name="claimantType" label={t('requests.wishes.claimantType')}>
          <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="claim-type">
            {(['volunteer', 'party_member', 'organization', 'company'] as const).map((k) => (
              <Radio.Button key={k} value={k} data-testid={`claim-type-${k}`}>
                {t(`requests.claimantTypes.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {named ? (
          <Form.Item name="claimantName" label={t('requests.wishes.claimantName')} rules={[{ required: true, whitespace: true, min: 2, message: t('requests.wishes.claimantNameRequired') }]}>
            <Input maxLength={60} data-testid="claim-name" />
          </Form.Item>
        ) : null}
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="claim-problem" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="claim-submit">
          {t('requests.wishes.claim')}
        </Button>
      </Form>
    </Modal>
  );
}

const MAX_PHOTO = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** 提交送达: a note, and a photo read in the browser (PNG/JPEG/WebP, 5 MB). */
export function DeliverModal({ wish, onClose, onDone }: { wish: AnyWish | null; onClose: () => void; onDone: (w: PublicWish) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<{ note: string }>();
  const [photo, setPhoto] = useState<{ name: string; data: string } | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const pick = async (file: File | undefined) => {
    setPhotoError(null);
    if (!file) return;
    if (!PHOTO_TYPES.includes(file.type)) return setPhotoError(t('requests.wishes.photoType'));
    if (file.size > MAX_PHOTO) return setPhotoError(t('requests.wishes.photoTooBig'));
    try {
      setPhoto({ name: file.name, data: await readAsDataUrl(file) });
    } catch (err) {
      setPhotoError(err instanceof Error ? err.message : String(err));
    }
  };

  const submit = async (v: { note: string }) => {
    if (!wish) return;
    setBusy(true);
    setProblem(null);
    try {
      onDone(await wishesApi.deliver(wish.id, { note: v.note.trim(), ...(photo ? { photoBase64: photo.data } : {}) }));
      form.resetFields();
      setPhoto(null);
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) {
        const { fields, rest } = toFormFieldErrors(err.fields, lang, ['note'] as const);
        form.setFields(fields);
        if (err.fields.photoBase64) setPhotoError(rest.join(' '));
        else if (rest.length) setProblem(rest.join(' '));
      } else {
        const d = describeError(err, t, lang);
        setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!wish} title={wish ? t('requests.wishes.deliverTitle', { title: wish.title }) : ''} onCancel={onClose} footer={null}>
      <Form form={form} layout="vertical" size="large" onFinish={submit} data-testid="deliver-form">
        <Form.Item name="note" label={t('requests.wishes.note')} rules={[{ required: true, whitespace: true, min: 2, message: t('requests.wishes.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('requests.wishes.notePlaceholder')} data-testid="deliver-note" />
        </Form.Item>
        <Form.Item label={t('requests.wishes.photo')} extra={t('requests.wishes.photoHint')} validateStatus={photoError ? 'error' : undefined} help={photoError ?? undefined}>
          <Flex vertical gap={8}>
            <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minHeight: 44, cursor: 'pointer', border: '1px dashed #d9d9d9', borderRadius: 8, padding: '8px 12px' }}>
              <PictureOutlined />
              <span>{photo ? photo.name : t('requests.wishes.photoPick')}</span>
              <input type="file" accept="image/png,image/jpeg,image/webp" style={{ display: 'none' }} onChange={(e) => void pick(e.target.files?.[0])} data-testid="deliver-photo" />
            </label>
            {photo ? (
              <Flex align="center" gap={8}>
                <img src={photo.data} alt="" style={{ maxWidth: 120, maxHeight: 120, borderRadius: 8 }} />
                <Button onClick={() => setPhoto(null)}>{t('requests.wishes.photoRemove')}</Button>
              </Flex>
            ) : null}
          </Flex>
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="deliver-problem" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="deliver-submit">
          {t('requests.wishes.deliver')}
        </Button>
      </Form>
    </Modal>
  );
}

const CLAIMS_KEY = 'aixin.wishClaims';

/** The wishes this device claimed (the wall does not say who claimed, only the name). */
export function rememberedClaims(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(CLAIMS_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberClaim(id: string): void {
  try {
    localStorage.setItem(CLAIMS_KEY, JSON.stringify([...new Set([id, ...rememberedClaims()])].slice(0, 100)));
  } catch {
    // not remembered; the claimant's name still finds it
  }
}
