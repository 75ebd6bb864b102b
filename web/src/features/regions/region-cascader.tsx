import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Cascader, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { describeError } from '../../api/error-text';
import type { Region } from '../../api/types';
import { currentLang } from '../../i18n';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

export interface RegionRoot {
  code: string;
  name: string;
}

export interface RegionCascaderProps {
  /** The chosen path of codes, root first (antd Form passes and takes it). */
  value?: string[];
  onChange?: (path: string[]) => void;
  /** Start from these regions (an admin's own) instead of the top of the tree. */
  roots?: readonly RegionRoot[];
  placeholder?: string;
  /** Any level may be chosen, not only a leaf. */
  changeOnSelect?: boolean;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  testId?: string;
  style?: CSSProperties;
}

function toOption(r: Region): RegionOption {
  return { value: r.code, label: r.name, isLeaf: !r.hasChildren };
}

async function fetchChildren(parent?: string): Promise<Region[]> {
  const page = await api.get('/regions', { query: parent ? { parent } : undefined });
  return page.items;
}

/** The region tree, loaded one level at a time from `GET /regions?parent=CODE`. */
export function RegionCascader({ value, onChange, roots, placeholder, changeOnSelect = true, allowClear = true, disabled, id, testId, style }: RegionCascaderProps) {
  const { t, i18n } = useTranslation();
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  // the roots are compared by their codes, so a new array with the same regions changes nothing
  const rootKey = useMemo(() => (roots ? roots.map((r) => r.code).join(',') : null), [roots]);
  const rootsRef = useRef(roots);
  rootsRef.current = roots;

  useEffect(() => {
    let live = true;
    setLoadError(null);
    const given = rootsRef.current;
    if (given) {
      setOptions(given.map((r) => ({ value: r.code, label: r.name, isLeaf: false })));
      return;
    }
    fetchChildren().then(
      (items) => live && setOptions(items.map(toOption)),
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [rootKey]);

  const loadData = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1];
    if (!target) return;
    try {
      const items = await fetchChildren(target.value);
      target.children = items.map(toOption);
      if (items.length === 0) target.isLeaf = true;
      setLoadError(null);
    } catch (err) {
      setLoadError(err);
    }
    setOptions((o) => [...o]);
  };

  return (
    <div style={style}>
      <Cascader<RegionOption>
        id={id}
        data-testid={testId ?? 'region-cascader'}
        options={options}
        loadData={loadData}
        value={value}
        onChange={(path) => onChange?.((path ?? []) as string[])}
        changeOnSelect={changeOnSelect}
        allowClear={allowClear}
        disabled={disabled}
        status={loadError ? 'warning' : undefined}
        placeholder={placeholder ?? t('regions.placeholder')}
        notFoundContent={t('regions.empty')}
        style={{ width: '100%' }}
      />
      {loadError ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('regions.loadFailed', { reason: describeError(loadError, t, currentLang(i18n.language)).title })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
