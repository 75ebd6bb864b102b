import { ORG_TYPES, ORG_TYPE_LABELS, STATION_TYPE_LABELS, type OrgType, type StationType } from '@shared/constants';
import type { Lang } from '../../lib/format';

const pick = (l: { zh: string; en: string } | undefined, fallback: string, lang: Lang) => (l ? (lang === 'zh-CN' ? l.zh : l.en) : fallback);

export const orgTypeLabel = (type: string, lang: Lang) => pick(ORG_TYPE_LABELS[type as OrgType], type, lang);
export const stationTypeLabel = (type: string, lang: Lang) => pick(STATION_TYPE_LABELS[type as StationType], type, lang);
export const orgTypeOptions = (lang: Lang) => ORG_TYPES.map((v) => ({ value: v, label: orgTypeLabel(v, lang) }));
