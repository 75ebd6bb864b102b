import { useEffect, useRef, useState } from 'react';
import QRCode from 'qrcode';
import { absoluteUrl } from './geo';

const POLL_MS = 4_000;

/**
 * A kiosk's rotating check-in code (activities and public-welfare posts alike): polled every few
 * seconds and at once when it is about to expire (twice as slowly after a failure), drawn as a QR
 * of its absolute link. `key` names what is shown (a new key starts over).
 */
export function useRotatingQr<C extends { url: string; expiresAt: string }>(key: string, load: (signal: AbortSignal) => Promise<C>) {
  const [code, setCode] = useState<C | null>(null);
  const [codeError, setCodeError] = useState<unknown>(null);
  const [qr, setQr] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ctl = new AbortController();
    const tick = async () => {
      let wait = POLL_MS;
      try {
        const c = await loadRef.current(ctl.signal);
        if (!live) return;
        setCode(c);
        setCodeError(null);
        const left = new Date(c.expiresAt).getTime() - Date.now();
        if (left > 0) wait = Math.min(POLL_MS, Math.max(500, left - 1_000));
      } catch (err) {
        if (!live || ctl.signal.aborted) return;
        setCodeError(err);
        wait = POLL_MS * 2;
      }
      timer = setTimeout(() => void tick(), wait);
    };
    void tick();
    return () => {
      live = false;
      ctl.abort();
      clearTimeout(timer);
    };
  }, [key]);

  const url = code ? absoluteUrl(code.url, window.location.origin) : null;
  useEffect(() => {
    if (!url) return;
    let live = true;
    QRCode.toDataURL(url, { width: 720, margin: 1, errorCorrectionLevel: 'M' }).then(
      (d) => live && setQr(d),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [url]);

  return { code, codeError, qr, url };
}
