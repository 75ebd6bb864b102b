import type { rankingsZh } from './rankings.zh-CN';

/** Rankings (public portal) and my place (phone). */
export const rankingsEn: typeof rankingsZh = {
  nav: 'Rankings',
  title: 'Volunteer rankings of {{region}}',
  orgTitle: 'Volunteer rankings of {{org}}',
  period: { year: 'Year', month: 'Month' },
  yearValue: '{{year}}',
  monthValue: 'Month {{month}}',
  metric: { hours: 'Hours', points: 'Points', participations: 'Participations' },
  kind: { volunteers: 'Volunteers', teams: 'Teams' },
  value: { hours: '{{n}} h', points: '{{n}} pts', participations: '{{n}} times' },
  beyond: 'Beyond no. {{n}}',
  rank: 'No. {{n}}',
  masked: 'Name not made public',
  maskedHint: 'Volunteers who have not agreed to public display are shown with part of their name.',
  empty: 'No service recorded in this period yet',
  emptyHint: 'Try another period or region.',
  mine: {
    entry: 'My rankings',
    entryHint: 'My place by hours, points and participations in the city, district and community',
    title: 'My rankings',
    scope: { city: 'City', district: 'District', community: 'Community' },
    none: 'Not ranked',
    noneHint: 'No confirmed service in this period yet.',
    public: 'See the rankings',
  },
};
