import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { ClockCircleOutlined, HeartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import type { Passbook } from './api';
import { formatMinutes } from './format';

/** Two big figures: points (1.2万) and time (2小时30分). */
export function BalanceFigures({ balances, pointsTitle, timeTitle }: { balances: Passbook['balances'] | undefined; pointsTitle?: string; timeTitle?: string }) {
  const { t } = useTranslation();
  const { count, lang } = useFormat();
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Card size="small" style={{ background: '#fff7f0', borderColor: '#ffd8bf' }}>
          {balances ? (
            <Statistic
              title={pointsTitle ?? t('ledger.passbook.points')}
              value={balances.points}
              formatter={() => count(balances.points)}
              prefix={<HeartOutlined style={{ color: '#d4380d' }} />}
              styles={{ content: { color: '#d4380d', fontWeight: 600 } }}
              data-testid="balance-points"
            />
          ) : (
            <Skeleton active paragraph={{ rows: 1 }} title={false} />
          )}
        </Card>
      </Col>
      <Col span={12}>
        <Card size="small" style={{ background: '#f0f7ff', borderColor: '#bae0ff' }}>
          {balances ? (
            <Statistic
              title={timeTitle ?? t('ledger.passbook.time')}
              value={balances.time}
              formatter={() => formatMinutes(balances.time, lang)}
              prefix={<ClockCircleOutlined style={{ color: '#0958d9' }} />}
              styles={{ content: { color: '#0958d9', fontWeight: 600 } }}
              data-testid="balance-time"
            />
          ) : (
            <Skeleton active paragraph={{ rows: 1 }} title={false} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
