import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { useFormat } from '../../i18n/use-format';

export interface ReasonAsk {
  title: string;
  /** Who the action is for ("代操作：…"). */
  subject?: string;
  required: boolean;
  okText: string;
  danger?: boolean;
  placeholder?: string;
  run: (reason: string | undefined) => Promise<void>;
}

/** A confirm dialog with a reason box; the dialog stays open (and keeps the text) when the call fails. */
export function ReasonModal({ ask, onClose }: { ask: ReasonAsk | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onOk = async () => {
    if (!ask) return;
    const v = await form.validateFields();
    setBusy(true);
    setProblem(null);
    try {
      await ask.run(v.reason?.trim() || undefined);
      form.resetFields();
      onClose();
    } catch (err) {
      const d = describeError(err, t, lang);
      setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!ask}
      title={ask?.title}
      okText={ask?.okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: ask?.danger, loading: busy, 'data-testid': 'reason-ok' }}
      onOk={onOk}
      onCancel={() => {
        setProblem(null);
        onClose();
      }}
      destroyOnHidden
    >
      {ask?.subject ? <Alert type="info" showIcon message={t('people.common.onBehalfOf', { name: ask.subject })} style={{ marginBottom: 12 }} /> : null}
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} data-testid="reason-problem" /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('people.common.reason')}
          rules={ask?.required ? [{ required: true, whitespace: true, min: 2, message: t('people.common.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={ask?.placeholder} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
