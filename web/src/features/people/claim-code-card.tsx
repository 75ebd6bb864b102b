import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { peopleApi, type Profile } from './api';
import { describeError } from '../../api/error-text';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Staff issue a one-time code for a person: the claim code of an account they registered on
 * someone's behalf, or (`kind="reset"`) a 30-minute password reset code for someone at the
 * counter who forgot theirs. The server keeps only its hash, so the code is shown here once,
 * with a slip to print for the person.
 */
export function ClaimCodeCard({ person, kind = 'claim' }: { person: Profile; kind?: 'claim' | 'reset' }) {
  const k = kind === 'claim' ? 'people.claimCode' : 'people.resetCode';
  const tid = kind === 'claim' ? 'claim-code' : 'reset-code';
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
      setIssued(await (kind === 'claim' ? peopleApi.issueClaimCode(person.userId) : peopleApi.issueResetCode(person.userId)));
      void message.success(t(`${k}.issued`));
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
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(t(`${k}.printTitle`))}</title></head>` +
        `<body style="font-family:sans-serif;padding:24px"><h2>${escapeHtml(t(`${k}.printTitle`))}</h2>` +
        `<p>${escapeHtml(t(`${k}.printFor`, { name: person.name, no: person.volunteerNo }))}</p>` +
        `<p style="font-size:32px;letter-spacing:6px;font-family:monospace;border:2px dashed #999;padding:12px;text-align:center">${escapeHtml(issued.code)}</p>` +
        `<p>${escapeHtml(t(`${k}.expires`, { time: dateTime(issued.expiresAt) }))}</p>` +
        `<p>${escapeHtml(t(`${k}.printHow`))}</p></body></html>`,
    );
    w.document.close();
    w.focus();
    w.print();
  };

  return (
    <Card size="small" title={t(`${k}.title`)} data-testid={`${tid}-card`}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t(`${k}.intro`)}</Typography.Text>
        {problem ? <Alert type="error" showIcon message={problem} /> : null}
        {issued ? (
          <>
            <Alert type="warning" showIcon message={t(`${k}.shownOnce`)} description={t(`${k}.expires`, { time: dateTime(issued.expiresAt) })} />
            <Typography.Title level={3} copyable style={{ fontFamily: 'monospace', letterSpacing: 4, margin: 0 }} data-testid={`${tid}-value`}>
              {issued.code}
            </Typography.Title>
            <Flex gap={8}>
              <Button type="primary" icon={<PrinterOutlined />} onClick={print} data-testid={`${tid}-print`}>
                {t(`${k}.print`)}
              </Button>
              <Button onClick={issue} loading={busy}>
                {t(`${k}.reissue`)}
              </Button>
            </Flex>
          </>
        ) : (
          <Button onClick={issue} loading={busy} data-testid={`${tid}-issue`}>
            {t(`${k}.issue`)}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
