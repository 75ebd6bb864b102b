import { Breadcrumb, Flex, Select, Skeleton, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PortalRegion } from './use-portal-region';

/**
 * 区域切换: where the portal is (city › district › street › community; a tap on a level goes back
 * up) and the regions one level down to drill into.
 */
export function RegionSwitcher({ region, loading, onChange }: { region: PortalRegion | undefined; loading: boolean; onChange: (code: string | null) => void }) {
  const { t } = useTranslation();
  if (!region && loading) return <Skeleton.Input active size="small" style={{ width: 220 }} />;
  if (!region) return null;
  const trail = region.detail?.path ?? [];
  return (
    <Flex align="center" gap={8} wrap data-testid="region-switcher" data-region={region.code ?? ''}>
      <EnvironmentOutlined style={{ color: '#e8443a' }} />
      <Breadcrumb
        data-testid="region-trail"
        items={trail.map((r, i) => ({
          key: r.code,
          title:
            i === trail.length - 1 ? (
              <Typography.Text strong data-testid="region-current">
                {r.name}
              </Typography.Text>
            ) : (
              <a onClick={() => onChange(r.code)} data-testid={`region-up-${r.code}`}>
                {r.name}
              </a>
            ),
        }))}
      />
      {region.children.length > 0 ? (
        <Select
          size="middle"
          style={{ minWidth: 140 }}
          placeholder={t('portal.region.down')}
          value={null}
          onChange={(code: string) => onChange(code)}
          options={region.children.map((c) => ({ value: c.code, label: c.name }))}
          data-testid="region-down"
          popupMatchSelectWidth={false}
        />
      ) : null}
    </Flex>
  );
}
