import { useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { describeError } from '../../api/error-text';
import { useFormat } from '../../i18n/use-format';

/**
 * For a verified relative: a one-time code that lets them set a new password on the "forgot
 * password" page (tell it to them in person or by phone). Shown once; the server keeps its hash.
 */
export function RelativeResetCode({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const [issued, setIssued] = useState<{ code: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const issue = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setIssued(await api.post('/me/relatives/{id}/reset-code', { params: { id: userId } }));
    } catch (err) {
      const d = describeError(err, t, lang);
      setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8} style={{ marginTop: 8 }}>
      {issued ? (
        <Alert
          type="warning"
          showIcon
          title={t('reset.relativeShownOnce', { name })}
          description={
            <Flex vertical gap={4}>
              <Typography.Text strong copyable style={{ fontFamily: 'monospace', fontSize: '1.6em', letterSpacing: 4 }} data-testid="relative-reset-code">
                {issued.code}
              </Typography.Text>
              <Typography.Text type="secondary">{t('reset.relativeExpires', { time: dateTime(issued.expiresAt) })}</Typography.Text>
            </Flex>
          }
        />
      ) : (
        <Button icon={<KeyOutlined />} onClick={() => void issue()} loading={busy} data-testid="relative-reset-issue">
          {t('reset.relativeIssue', { name })}
        </Button>
      )}
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
    </Flex>
  );
}
