import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, List, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, PaperClipOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { charityApi, type CharityAccount } from '../../features/charity/api';
import { TotalsCards, Yuan } from '../../features/charity/charity-parts';
import { useFormat } from '../../i18n/use-format';

/** 公开账目: anyone reads what a charity sale raised, by stall, where the money went and what is held, to the fen. */
export default function PortalCharityAccountPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const account = useQuery(charityApi.account(id));
  return (
    <Flex vertical gap={12} data-testid="portal-charity-account">
      <Link to="/portal/charity">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }}>
          {t('charity.portal.back')}
        </Button>
      </Link>
      {account.error && !account.data ? <ErrorState error={account.error} onRetry={account.refetch} /> : !account.data ? <LoadingBlock rows={8} /> : <AccountView a={account.data} />}
    </Flex>
  );
}

function AccountView({ a }: { a: CharityAccount }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const e = a.event;
  return (
    <>
      <Card>
        <Flex vertical gap={4}>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="charity-account-title">
              {e.title}
            </Typography.Title>
            <Tag color={e.status === 'open' ? 'green' : 'default'}>{t(`charity.status.${e.status}`)}</Tag>
          </Flex>
          <Typography.Text type="secondary">
            {e.regionName} · {e.place} · {dateTime(e.startsAt)}
          </Typography.Text>
          <Typography.Text type="secondary">{t('charity.portal.organisers', { list: e.organisers.join('、') })}</Typography.Text>
          {e.description ? <Typography.Paragraph style={{ margin: '8px 0 0' }}>{e.description}</Typography.Paragraph> : null}
        </Flex>
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('charity.portal.account')}
      </Typography.Title>
      <TotalsCards totals={e.totals} testId="charity-account-totals" />
      {a.balances ? (
        <Typography.Text type="success" data-testid="charity-account-balances">
          <CheckCircleFilled /> {t('charity.totals.balances')}
        </Typography.Text>
      ) : (
        <Alert type="warning" showIcon title={t('charity.totals.unbalanced')} />
      )}
      <Card size="small" title={t('charity.portal.stalls')}>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={a.stalls}
          data-testid="charity-account-stalls"
          columns={[
            { key: 'name', title: t('charity.sale.stall'), render: (_, s) => <span>{s.name} <Tag>{t(`charity.kinds.${s.kind}`)}</Tag></span> },
            { key: 'lines', title: t('charity.totals.lines'), width: 80, render: (_, s) => t('charity.portal.saleLines', { n: s.saleLines }) },
            { key: 'raised', title: t('charity.totals.raised'), align: 'right', render: (_, s) => <Yuan fen={s.raisedFen} /> },
          ]}
        />
      </Card>
      <Card size="small" title={t('charity.portal.whereWent')}>
        {a.disbursements.length === 0 ? (
          <EmptyState title={t('charity.portal.noneWent')} testId="charity-account-no-disbursements" />
        ) : (
          <List
            size="small"
            dataSource={a.disbursements}
            data-testid="charity-account-disbursements"
            renderItem={(d) => (
              <List.Item extra={<Yuan fen={d.amountFen} strong />}>
                <Flex vertical gap={2}>
                  <Typography.Text>
                    {d.beneficiary} · {d.purpose}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dateTime(d.recordedAt)} · {t('charity.portal.receipt', { no: d.receiptNo })}
                    {d.receiptFiles > 0 ? <> · <PaperClipOutlined /> <span data-testid="charity-account-receipt-files">{t('charity.portal.receiptFiles', { n: d.receiptFiles })}</span></> : null}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}
