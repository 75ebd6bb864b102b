import { useRef, useState } from 'react';
import { App, Button, List, Modal, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { useFormat } from '../../i18n/use-format';
import type { ImportResult } from './api';

// base64 in a JSON body of at most 1 MB
const MAX_BYTES = 700_000;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Picks an .xlsx, sends it, and shows every bad row (the file is checked whole: nothing is imported while one is wrong). */
export function ImportButton({ label, columns, send, onDone, testId }: { label: string; columns: string; send: (base64: string) => Promise<ImportResult>; onDone: () => void; testId: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<ImportResult['errors'] | null>(null);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      void message.error(t('care.console.tooBig'));
      return;
    }
    setBusy(true);
    try {
      const r = await send(await toBase64(file));
      if (r.errors.length) setErrors(r.errors);
      else {
        void message.success(t('care.console.imported', { n: r.imported }));
        onDone();
      }
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <input ref={input} type="file" accept=".xlsx" hidden onChange={(e) => void pick(e.target.files?.[0])} data-testid={`${testId}-file`} />
      <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} title={columns} data-testid={testId}>
        {label}
      </Button>
      <Modal open={!!errors} onCancel={() => setErrors(null)} footer={null} title={t('care.console.importErrors')}>
        <Typography.Paragraph type="secondary">{columns}</Typography.Paragraph>
        <List size="small" dataSource={errors ?? []} renderItem={(e) => <List.Item>{t('care.console.rowError', { row: e.row, field: e.field })}：{e.message}</List.Item>} />
      </Modal>
    </>
  );
}
