import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RegionCascader } from '../regions/region-cascader';
import { awardsApi, type Campaign } from './api';
import { useSubmit } from './use-submit';

interface Values {
  region: string[];
  title: string;
  description?: string;
  categories: { kind: 'volunteer' | 'team' | 'project'; name: string; quota: number }[];
  minHours: number;
  period: [Dayjs, Dayjs];
  nomination: [Dayjs, Dayjs];
  voting: [Dayjs, Dayjs];
}

/** 发起评选: region, categories with places, eligibility, the nomination and voting windows. */
export function CampaignForm({ open, roots, onClose, onCreated }: { open: boolean; roots: { code: string; name: string }[]; onClose: () => void; onCreated: (c: Campaign) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { busy, problem, run } = useSubmit();
  const now = dayjs();
  const initial: Partial<Values> = {
    region: roots[0] ? [roots[0].code] : [],
    categories: [
      { kind: 'volunteer', name: t('awards.defaults.volunteer'), quota: 10 },
      { kind: 'team', name: t('awards.defaults.team'), quota: 5 },
      { kind: 'project', name: t('awards.defaults.project'), quota: 5 },
    ],
    minHours: 100,
    period: [now.startOf('year'), now.endOf('year')],
    nomination: [now, now.add(14, 'day')],
    voting: [now.add(21, 'day'), now.add(28, 'day')],
  };
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const c = await awardsApi.create({
        regionCode: v.region[v.region.length - 1]!,
        title: v.title,
        description: v.description ?? '',
        categories: v.categories.map((k, i) => ({ ...k, key: `${k.kind}${i ? `-${i}` : ''}` })),
        minHours: v.minHours,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        nominationOpensAt: v.nomination[0].toISOString(),
        nominationClosesAt: v.nomination[1].toISOString(),
        votingOpensAt: v.voting[0].toISOString(),
        votingClosesAt: v.voting[1].toISOString(),
      });
      form.resetFields();
      onCreated(c);
    });
  };
  return (
    <Modal open={open} title={t('awards.console.create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'campaign-submit' } as Record<string, string>} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} data-testid="campaign-form">
        <Form.Item name="region" label={t('awards.console.region')} rules={[{ required: true }]}>
          <RegionCascader roots={roots} allowClear={false} testId="campaign-region" />
        </Form.Item>
        <Form.Item name="title" label={t('awards.console.titleField')} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input maxLength={80} data-testid="campaign-title-input" />
        </Form.Item>
        <Form.Item name="description" label={t('awards.console.description')}>
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
        <Form.List name="categories">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginBottom: 12 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]} style={{ width: 130, marginBottom: 4 }}>
                    <Select options={(['volunteer', 'team', 'project'] as const).map((k) => ({ value: k, label: t(`awards.kind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 40 }]} style={{ flex: '1 1 160px', marginBottom: 4 }}>
                    <Input placeholder={t('awards.console.categoryName')} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quota']} rules={[{ required: true }]} style={{ width: 100, marginBottom: 4 }}>
                    <InputNumber min={1} max={500} placeholder={t('awards.console.quota')} />
                  </Form.Item>
                  {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'volunteer', name: '', quota: 1 })}>
                {t('awards.console.addCategory')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="minHours" label={t('awards.console.minHours')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100000} data-testid="campaign-min-hours" />
        </Form.Item>
        <Form.Item name="period" label={t('awards.console.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="nomination" label={t('awards.console.nominationWindow')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="voting" label={t('awards.console.votingWindow')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        {problem ? <Alert type="error" showIcon title={problem} data-testid="campaign-problem" /> : null}
      </Form>
    </Modal>
  );
}
