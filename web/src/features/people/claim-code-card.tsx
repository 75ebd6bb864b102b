import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { peopleApi, type Profile } from './api';
import { describeError } from '../../api/error-text';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Staff issue the one-time claim code of an account they registered on someone's behalf. The
 * server keeps only its hash, so the code is shown here once, with a slip to print for the person.
 */
export function ClaimCodeCard({ person }: { person: Profile }) {
  const { t } = useTranslation();
  const { lang, dateTime } = useFormat();
  const { message } = App.useApp();
  const [issued, setIssued] = useState<{ code: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const issue = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setIssued(await peopleApi.issueClaimCode(person.userId));
      void message.success(t('people.claimCode.issued'));
    } catch (err) {
      const d = describeError(err, t, lang);
      setProblem(d.hint ? `${d.title}：${d.hint}` : d.title);
    } finally {
      setBusy(false);
    }
  };

  const print = () => {
    if (!issued) return;
    const w = window.open('', '_blank', 'width=600,height=480');
    if (!w) return;
    w.document.write(
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(t('people.claimCode.printTitle'))}</title></head>` +
        `<body style="font-family:sans-serif;padding:24px"><h2>${escapeHtml(t('people.claimCode.printTitle'))}</h2>` +
        `<p>${escapeHtml(t('people.claimCode.printFor', { name: person.name, no: person.volunteerNo }))}</p>` +
        `<p style="font-size:32px;letter-spacing:6px;font-family:monospace;border:2px dashed #999;padding:12px;text-align:center">${escapeHtml(issued.code)}</p>` +
        `<p>${escapeHtml(t('people.claimCode.expires', { time: dateTime(issued.expiresAt) }))}</p>` +
        `<p>${escapeHtml(t('people.claimCode.printHow'))}</p></body></html>`,
    );
    w.document.close();
    w.focus();
    w.print();
  };

  return (
    <Card size="small" title={t('people.claimCode.title')} data-testid="claim-code-card">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('people.claimCode.intro')}</Typography.Text>
        {problem ? <Alert type="error" showIcon message={problem} /> : null}
        {issued ? (
          <>
            <Alert type="warning" showIcon message={t('people.claimCode.shownOnce')} description={t('people.claimCode.expires', { time: dateTime(issued.expiresAt) })} />
            <Typography.Title level={3} copyable style={{ fontFamily: 'monospace', letterSpacing: 4, margin: 0 }} data-testid="claim-code-value">
              {issued.code}
            </Typography.Title>
            <Flex gap={8}>
              <Button type="primary" icon={<PrinterOutlined />} onClick={print} data-testid="claim-code-print">
                {t('people.claimCode.print')}
              </Button>
              <Button onClick={issue} loading={busy}>
                {t('people.claimCode.reissue')}
              </Button>
            </Flex>
          </>
        ) : (
          <Button onClick={issue} loading={busy} data-testid="claim-code-issue">
            {t('people.claimCode.issue')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
