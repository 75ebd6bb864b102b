import { Flex, Tag, Tooltip, Typography } from 'antd';
import { TrophyFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { valueOf, type Rankings } from './api';

const MEDALS = ['#d4a017', '#a8a9ad', '#b87333'];

/** The rows of a ranking: place, name (masked without consent; a team links to its page), the figure ranked by. */
export function RankingList({ data, orgHref }: { data: Rankings; orgHref: (orgId: string) => string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={0} data-testid="ranking-list">
      {data.items.map((x, i) => (
        <Flex
          key={`${x.rank}-${i}`}
          align="center"
          gap={12}
          style={{ padding: '10px 4px', borderBottom: '1px solid #f0f0f0' }}
          data-testid="ranking-row"
          data-masked={x.masked ? 'true' : 'false'}
        >
          <span style={{ width: 32, textAlign: 'center', fontWeight: 600, color: x.rank <= 3 ? MEDALS[x.rank - 1] : '#8c8c8c' }} aria-label={t('rankings.rank', { n: x.rank })}>
            {x.rank <= 3 ? <TrophyFilled /> : null} {x.rank}
          </span>
          <Flex vertical style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong ellipsis data-testid="ranking-name">
              {x.orgId ? <Link to={orgHref(x.orgId)}>{x.name}</Link> : x.name}
            </Typography.Text>
            {x.masked ? (
              <Tooltip title={t('rankings.maskedHint')}>
                <Tag bordered={false} style={{ width: 'fit-content', fontSize: 11 }}>
                  {t('rankings.masked')}
                </Tag>
              </Tooltip>
            ) : null}
          </Flex>
          <Typography.Text strong style={{ color: '#c0392b', whiteSpace: 'nowrap' }} data-testid="ranking-value">
            {t(`rankings.value.${data.metric}`, { n: valueOf(x, data.metric) })}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
