import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Messages } from '../../i18n/zh-CN';
import { useFormat } from '../../i18n/use-format';
import type { StatsOverview } from './stats-api';

type FigureKey = keyof Messages['portal']['figures'] & keyof StatsOverview;

/** The headline figures, in the order a city's 志愿服务网 shows them. */
export const HEADLINE: readonly FigureKey[] = ['volunteers', 'organizations', 'teams', 'stations', 'activities', 'serviceHours', 'participations', 'beneficiaries', 'wishesFulfilled', 'pointsRedeemed'];

/** One figure card per number, read the Chinese way (38万, 1.2万). */
export function FigureCards({ overview, keys = HEADLINE, extra }: { overview: StatsOverview; keys?: readonly FigureKey[]; extra?: ReactNode }) {
  const { t } = useTranslation();
  const { count } = useFormat();
  return (
    <Row gutter={[8, 8]} data-testid="figures">
      {keys.map((k) => {
        const v = overview[k];
        const n = typeof v === 'number' ? (k === 'serviceHours' ? Math.round(v) : v) : null;
        return (
          <Col key={k} xs={12} sm={8} md={6} xl={4}>
            <Card size="small" data-testid={`figure-${k}`} data-value={n ?? ''} styles={{ body: { padding: '10px 12px' } }}>
              <Statistic title={t(`portal.figures.${k}`)} value={count(n)} styles={{ content: { color: '#cf1322', fontSize: 22 } }} />
            </Card>
          </Col>
        );
      })}
      {extra}
    </Row>
  );
}
