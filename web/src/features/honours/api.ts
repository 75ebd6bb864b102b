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
import { apiQuery } from '../../api/query';

export type MyStars = z.infer<typeof MyStarsSchema>;
export type Certificate = z.infer<typeof CertificateSchema>;
export type CertificateVerification = z.infer<typeof VerificationSchema>;
export type StarLadderView = z.infer<typeof StarLadderViewSchema>;
export type VolunteerCard = z.infer<typeof VolunteerCardSchema>;

const enc = (s: string) => encodeURIComponent(s);

/** Star levels, certificates, the volunteer card and the public check. */
export const honoursApi = {
  myStars: () => apiQuery('/me/stars'),
  myCertificates: () => apiQuery('/me/certificates', { query: { page: 1, pageSize: 50 } }),
  requestCertificate: (body: CertificateCreateBody) => api.post('/me/certificates', { body }),
  card: () => apiQuery('/me/volunteer-card'),
  verify: (number: string, code: string) => apiQuery('/certificates/verify/{number}', { params: { number }, query: { code } }),
  ladder: (code: string) => apiQuery('/regions/{code}/star-ladder', { params: { code } }),
  putLadder: (code: string, body: StarLadderPutBody) => api.put('/regions/{code}/star-ladder', { params: { code }, body }),
};

export function certificatePdfHref(id: string): string {
  return `${API_BASE}/me/certificates/${enc(id)}.pdf`;
}

/** The verify page's path inside this site, from the certificate's verify URL. */
export function verifyPath(url: string): string {
  const u = new URL(url, window.location.origin);
  return `${u.pathname}${u.search}`;
}
