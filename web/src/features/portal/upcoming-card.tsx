import type { ReactNode } from 'react';
import { Card, Flex } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { QueryState } from '../../api/query';
import type { Page } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { useFormat } from '../../i18n/use-format';
import { ActivityCard } from '../../pages/app/activities-page';
import type { Activity } from '../activities/api';

/** A card of a few published activities (a region's or an organisation's), each opening its public page. */
export function UpcomingCard({ title, extra, state, empty }: { title: string; extra?: ReactNode; state: QueryState<Page<Activity>>; empty: { title: string; hint: string } }) {
  const { lang } = useFormat();
  const navigate = useNavigate();
  return (
    <Card size="small" title={title} extra={extra}>
      {state.isFetching && !state.data ? (
        <LoadingBlock rows={3} />
      ) : state.error ? (
        <ErrorState error={state.error} onRetry={() => void state.refetch()} />
      ) : !state.data || state.data.items.length === 0 ? (
        <EmptyState title={empty.title} hint={empty.hint} />
      ) : (
        <Flex vertical gap={8}>
          {state.data.items.map((a) => (
            <ActivityCard key={a.id} activity={a} lang={lang} onOpen={() => navigate(`/portal/activities/${a.id}`)} />
          ))}
        </Flex>
      )}
    </Card>
  );
}
