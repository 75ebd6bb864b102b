import type { z } from 'zod';
import type {
  Certificate as CertificateSchema,
  CertificateCreateBody,
  CertificateVerification as VerificationSchema,
  MyStars as MyStarsSchema,
  StarLadderPutBody,
  StarLadderView as StarLadderViewSchema,
  VolunteerCard as VolunteerCardSchema,
} from '@shared/schemas/honours';
import { API_BASE, api } from '../../api/client';

export type MyStars = z.infer<typeof MyStarsSchema>;
export type Certificate = z.infer<typeof CertificateSchema>;
export type CertificateVerification = z.infer<typeof VerificationSchema>;
export type StarLadderView = z.infer<typeof StarLadderViewSchema>;
export type VolunteerCard = z.infer<typeof VolunteerCardSchema>;

const enc = (s: string) => encodeURIComponent(s);

/** Star levels, certificates, the volunteer card and the public check. */
export const honoursApi = {
  myStars: (signal?: AbortSignal) => api.get<MyStars>('/me/stars', undefined, signal),
  myCertificates: (signal?: AbortSignal) => api.get<{ items: Certificate[]; total: number }>('/me/certificates', { page: 1, pageSize: 50 }, signal),
  requestCertificate: (body: CertificateCreateBody) => api.post<Certificate>('/me/certificates', body),
  card: (signal?: AbortSignal) => api.get<VolunteerCard>('/me/volunteer-card', undefined, signal),
  verify: (number: string, code: string, signal?: AbortSignal) => api.get<CertificateVerification>(`/certificates/verify/${enc(number)}`, { code }, signal),
  ladder: (code: string, signal?: AbortSignal) => api.get<StarLadderView>(`/regions/${enc(code)}/star-ladder`, undefined, signal),
  putLadder: (code: string, body: StarLadderPutBody) => api.put<StarLadderView>(`/regions/${enc(code)}/star-ladder`, body),
};

export function certificatePdfHref(id: string): string {
  return `${API_BASE}/me/certificates/${enc(id)}.pdf`;
}

/** The verify page's path inside this site, from the certificate's verify URL. */
export function verifyPath(url: string): string {
  const u = new URL(url, window.location.origin);
  return `${u.pathname}${u.search}`;
}
