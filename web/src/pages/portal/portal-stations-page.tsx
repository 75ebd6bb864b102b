import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Card, Flex, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Station } from '../../api/types';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/page-state';
import { stationTypeLabel } from '../../features/portal/org-labels';
import { outlineFor } from '../../features/portal/region-maps';
import { StationMap } from '../../features/portal/station-map';
import { useFormat } from '../../i18n/use-format';
import { usePortal } from '../../features/portal/use-portal-region';

const PAGE = 100;
const MAX_PAGES = 10;

/** Every station of the region for the map, a page of 100 at a time (a city holds a few hundred). */
async function allStations(regionCode: string | undefined, signal: AbortSignal): Promise<Station[]> {
  const out: Station[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = await api.get('/stations', { query: { regionCode, page, pageSize: PAGE } }, signal);
    out.push(...r.items);
    if (r.items.length < PAGE) break;
  }
  return out;
}

/** 服务站点: where the region's stations are, drawn over its outline, and the list of them. */
export default function PortalStationsPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { data: region, loading: regionLoading, setRegion } = usePortal();
  const [selected, setSelected] = useState<string | null>(null);
  // the stations are asked for once the region has settled: while the portal's region loads it
  // still holds the last one, and a list drawn for it would be redrawn without the new outline
  const ready = !regionLoading && !!region;
  const code = region?.code ?? undefined;
  const query = useQuery({ queryKey: ['/stations', { query: { regionCode: code } }, 'every page'], queryFn: ({ signal }) => allStations(code, signal), enabled: ready });
  // nothing drawn while the region settles (not even the last region's stations)
  const list = { ...query, data: ready ? query.data : undefined };
  const outline = useMemo(() => (region?.detail ? outlineFor(region.detail.path.map((r) => r.code)) : null), [region?.detail]);
  const points = useMemo(() => (list.data ?? []).map((s) => ({ id: s.id, name: s.name, lat: s.lat, lng: s.lng })), [list.data]);
  const pick = useCallback((id: string) => {
    setSelected(id);
    document.querySelector(`[data-station="${id}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }, []);

  return (
    <Flex vertical gap={12} data-testid="portal-stations">
      <Flex justify="space-between" align="baseline">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('portal.stations.title')}
        </Typography.Title>
        {list.data ? <Typography.Text type="secondary">{t('portal.stations.count', { n: list.data.length })}</Typography.Text> : null}
      </Flex>
      {!ready || (list.isFetching && !list.data) ? (
        <LoadingBlock rows={8} />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.refetch} />
      ) : !list.data || list.data.length === 0 ? (
        <EmptyState testId="portal-stations-empty" title={t('portal.stations.empty')} hint={t('portal.stations.emptyHint')} />
      ) : (
        <>
          <Card size="small" title={t('portal.stations.map')} styles={{ body: { padding: 4 } }}>
            {outline ? null : <Typography.Text type="secondary">{t('portal.stations.noOutline')}</Typography.Text>}
            <StationMap outline={outline} points={points} selected={selected} onPick={pick} onDistrict={setRegion} />
          </Card>
          {list.data.map((s) => (
            <Card key={s.id} size="small" data-testid="portal-station-card" data-station={s.id} style={s.id === selected ? { borderColor: '#fa8c16', boxShadow: '0 0 0 2px #ffe7ba' } : undefined} onClick={() => setSelected(s.id)}>
              <Flex vertical gap={2}>
                <Typography.Text strong>{s.name}</Typography.Text>
                <Typography.Text type="secondary">{stationTypeLabel(s.type, lang)}</Typography.Text>
                <Typography.Text>
                  <EnvironmentOutlined /> {s.address}
                </Typography.Text>
                {s.openingHours ? (
                  <Typography.Text type="secondary">
                    <ClockCircleOutlined /> {t('portal.stations.hours')}：{s.openingHours}
                  </Typography.Text>
                ) : null}
              </Flex>
            </Card>
          ))}
        </>
      )}
    </Flex>
  );
}
