import type { z } from 'zod';
import type {
  ComputeFlagsResult as ComputeSchema,
  Flag as FlagSchema,
  HardshipEntry as HardshipSchema,
  MonthlyReport as ReportSchema,
  MyWelfarePost as MySchema,
  Placement as PlacementSchema,
  PostCheckinCode as CodeSchema,
  PostCheckinResult as CheckinSchema,
  PostMonth as MonthSchema,
  Progress as ProgressSchema,
  PublicNotice as NoticeSchema,
  StepBody,
  WelfarePost as PostSchema,
  WelfarePostBody,
} from '@shared/schemas/posts';
import { api, API_BASE, buildQuery, type ApiBody, type ApiQuery } from '../../api/client';
import { apiQuery } from '../../api/query';

export type WelfarePost = z.infer<typeof PostSchema>;
export type Placement = z.infer<typeof PlacementSchema>;
export type PostMonth = z.infer<typeof MonthSchema>;
export type Flag = z.infer<typeof FlagSchema>;
export type MonthlyReport = z.infer<typeof ReportSchema>;
export type Progress = z.infer<typeof ProgressSchema>;
export type PublicNotice = z.infer<typeof NoticeSchema>;
export type MyWelfarePost = z.infer<typeof MySchema>;
export type PostCheckinCode = z.infer<typeof CodeSchema>;
export type PostCheckinResult = z.infer<typeof CheckinSchema>;
export type HardshipEntry = z.infer<typeof HardshipSchema>;
export type ComputeResult = z.infer<typeof ComputeSchema>;

/** Public-welfare posts (公益性岗位): the console's pages, the worker's post and check-in, the public notice. */
export const postsApi = {
  list: (query: ApiQuery<'/welfare-posts'>) => apiQuery('/welfare-posts', { query }),
  get: (postId: string) => apiQuery('/welfare-posts/{id}', { params: { id: postId } }),
  create: (body: WelfarePostBody) => api.post('/welfare-posts', { body }),
  announce: (postId: string, document: { fileName: string; contentBase64: string }) => api.post('/welfare-posts/{id}/announce', { params: { id: postId }, body: { document } }),
  progress: (regionCode: string) => apiQuery('/welfare-posts/progress', { query: { regionCode } }),
  placements: (query: ApiQuery<'/welfare-placements'>) => apiQuery('/welfare-placements', { query }),
  step: (placementId: string, body: StepBody) => api.post('/welfare-placements/{id}/steps', { params: { id: placementId }, body }),
  reject: (placementId: string, reason: string) => api.post('/welfare-placements/{id}/reject', { params: { id: placementId }, body: { reason } }),
  reviewObjection: (objectionId: string, body: ApiBody<'/welfare-objections/{id}/review'>) => api.post('/welfare-objections/{id}/review', { params: { id: objectionId }, body }),
  month: (postId: string, month: string | undefined) => apiQuery('/welfare-posts/{id}/month', { params: { id: postId }, query: { month } }),
  record: (postId: string, body: ApiBody<'/welfare-posts/{id}/attendance'>) => api.post('/welfare-posts/{id}/attendance', { params: { id: postId }, body }),
  close: (postId: string, body: ApiBody<'/welfare-posts/{id}/closures'>) => api.post('/welfare-posts/{id}/closures', { params: { id: postId }, body }),
  confirm: (postId: string, body: ApiBody<'/welfare-posts/{id}/confirmations'>) => api.post('/welfare-posts/{id}/confirmations', { params: { id: postId }, body }),
  checkinCode: (postId: string) => apiQuery('/welfare-posts/{id}/checkin-code', { params: { id: postId } }),
  checkin: (postId: string, body: ApiBody<'/welfare-posts/{id}/checkin'>) => api.post('/welfare-posts/{id}/checkin', { params: { id: postId }, body }),
  mine: () => apiQuery('/me/welfare-post'),
  computeFlags: (body: ApiBody<'/welfare-flags/compute'>) => api.post('/welfare-flags/compute', { body }),
  flags: (query: ApiQuery<'/welfare-flags'>) => apiQuery('/welfare-flags', { query }),
  reviewFlag: (flagId: string, body: ApiBody<'/welfare-flags/{id}/review'>) => api.post('/welfare-flags/{id}/review', { params: { id: flagId }, body }),
  report: (query: ApiQuery<'/welfare-reports/monthly'>) => apiQuery('/welfare-reports/monthly', { query }),
  reportXlsxUrl: (query: { month: string; regionCode?: string; postId?: string }) => `${API_BASE}/welfare-reports/monthly.xlsx${buildQuery(query)}`,
  hardship: (query: ApiQuery<'/hardship-register'>) => apiQuery('/hardship-register', { query }),
  /** Puts a person in the hardship register (困难人员登记) of their region. */
  register: (body: ApiBody<'/hardship-register'>) => api.post('/hardship-register', { body }),
  /** Applies for a post on a person's behalf. */
  apply: (postId: string, body: ApiBody<'/welfare-posts/{id}/applications'>) => api.post('/welfare-posts/{id}/applications', { params: { id: postId }, body }),
  notices: (query: ApiQuery<'/public/welfare-notices'>) => apiQuery('/public/welfare-notices', { query }),
  notice: (placementId: string) => apiQuery('/public/welfare-notices/{id}', { params: { id: placementId } }),
  object: (placementId: string, body: ApiBody<'/public/welfare-notices/{id}/objections'>) => api.post('/public/welfare-notices/{id}/objections', { params: { id: placementId }, body }),
};

/** Reads a chosen file as the base64 a step's document travels in. */
export function fileToDocument(file: File): Promise<{ fileName: string; contentBase64: string }> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve({ fileName: file.name, contentBase64: String(r.result).replace(/^data:[^,]+,/, '') });
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** This month in China time, YYYY-MM. */
export function chinaMonth(d = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}
export function chinaToday(d = new Date()): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
