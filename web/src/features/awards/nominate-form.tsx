import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useRequest } from '../../api/use-request';
import type { Campaign } from './api';
import { awardsApi } from './api';
import { useSubmit } from './use-submit';

interface Values {
  orgId: string;
  categoryKey: string;
  subjectId: string;
  reasons: string;
  evidence?: string;
}

/** The candidates an organisation may pick for a kind: its active members, itself, its published activities. */
function useSubjects(orgId: string | undefined, orgName: string, kind: string | undefined) {
  return useRequest<{ value: string; label: string }[]>(async (s) => {
    if (!orgId || !kind) return [];
    if (kind === 'team') return [{ value: orgId, label: orgName }];
    if (kind === 'volunteer') {
      const m = await api.get<Page<{ userId: string; userName: string; volunteerNo: string | null }>>(`/orgs/${encodeURIComponent(orgId)}/members`, { status: 'active', page: 1, pageSize: 100 }, s);
      return m.items.map((x) => ({ value: x.userId, label: x.volunteerNo ? `${x.userName}（${x.volunteerNo}）` : x.userName }));
    }
    const a = await api.get<Page<{ id: string; title: string }>>('/activities', { orgId, status: 'published', page: 1, pageSize: 100 }, s);
    return a.items.map((x) => ({ value: x.id, label: x.title }));
  }, [orgId, kind]);
}

/** 提名: an organisation's admin nominates a member, the organisation itself, or one of its projects, with reasons and evidence links. */
export function NominateForm({ campaign, orgs, onDone }: { campaign: Campaign; orgs: { id: string; name: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const categoryKey = Form.useWatch('categoryKey', form);
  const kind = campaign.categories.find((k) => k.key === categoryKey)?.kind;
  const subjects = useSubjects(orgId, orgs.find((o) => o.id === orgId)?.name ?? '', kind);
  const { busy, problem, run } = useSubmit();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const submit = (v: Values) =>
    run(async () => {
      const evidence = (v.evidence ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((url) => ({ url, title: '' }));
      const n = await awardsApi.nominate(campaign.id, { orgId: v.orgId, categoryKey: v.categoryKey, subjectId: v.subjectId, reasons: v.reasons, evidence });
      // the files go to the nomination just made, one by one; one that fails says which
      for (const f of files) {
        try {
          await awardsApi.attachEvidence(n.id, f.originFileObj as File);
        } catch (err) {
          setFiles([]);
          form.resetFields(['subjectId', 'reasons', 'evidence']);
          onDone();
          throw err;
        }
      }
      void message.success(t('awards.console.nominated'));
      setFiles([]);
      form.resetFields(['subjectId', 'reasons', 'evidence']);
      onDone();
    });
  return (
    <Card title={t('awards.console.nominate')} size="small" data-testid="nominate-card">
      <Form form={form} layout="vertical" initialValues={{ orgId: orgs[0]?.id, categoryKey: campaign.categories[0]?.key }} onFinish={(v) => void submit(v)} onValuesChange={(ch) => ('categoryKey' in ch || 'orgId' in ch ? form.setFieldValue('subjectId', undefined) : undefined)}>
        <Form.Item name="orgId" label={t('awards.console.org')} rules={[{ required: true }]}>
          <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} data-testid="nominate-org" />
        </Form.Item>
        <Form.Item name="categoryKey" label={t('awards.console.category')} rules={[{ required: true }]}>
          <Select options={campaign.categories.map((k) => ({ value: k.key, label: `${k.name}（${t(`awards.kind.${k.kind}`)}）` }))} data-testid="nominate-category" />
        </Form.Item>
        <Form.Item name="subjectId" label={t('awards.console.subject')} extra={t('awards.console.subjectHint')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" loading={subjects.loading} options={subjects.data ?? []} data-testid="nominate-subject" />
        </Form.Item>
        <Form.Item name="reasons" label={t('awards.console.reasons')} rules={[{ required: true, min: 10, max: 3000 }]}>
          <Input.TextArea rows={4} maxLength={3000} showCount data-testid="nominate-reasons" />
        </Form.Item>
        <Form.Item name="evidence" label={t('awards.console.evidence')}>
          <Input.TextArea rows={2} placeholder="https://" data-testid="nominate-evidence" />
        </Form.Item>
        <Form.Item label={t('awards.console.evidenceFiles')} extra={t('awards.console.evidenceFilesHint')}>
          <Upload
            multiple
            accept="image/png,image/jpeg,image/webp,application/pdf"
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.slice(0, 10))}
            data-testid="nominate-files"
          >
            <Button icon={<PaperClipOutlined />}>{t('awards.console.attach')}</Button>
          </Upload>
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="nominate-problem" /> : null}
        <Button type="primary" htmlType="submit" loading={busy} block data-testid="nominate-submit">
          {t('awards.console.nominate')}
        </Button>
      </Form>
    </Card>
  );
}
