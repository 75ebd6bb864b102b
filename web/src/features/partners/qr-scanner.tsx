import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = new (o: { formats: string[] }) => Detector;

/** The browser's own QR reader (BarcodeDetector, no library), when the phone has one. */
export function detectorClass(): DetectorClass | null {
  const c = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return typeof c === 'function' && !!navigator.mediaDevices?.getUserMedia ? c : null;
}

/** The back camera's picture, read a few times a second until a QR code is seen. */
export function QrScanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  const seen = useRef(onCode);
  seen.current = onCode;
  useEffect(() => {
    const Cls = detectorClass();
    if (!Cls) {
      setFailed(true);
      return;
    }
    const detector = new Cls({ formats: ['qr_code'] });
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        const tick = async () => {
          if (stopped || !video.current) return;
          const [hit] = await detector.detect(video.current).catch(() => []);
          if (hit?.rawValue) seen.current(hit.rawValue);
          else timer = window.setTimeout(() => void tick(), 300);
        };
        void tick();
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);
  if (failed) return <Alert type="warning" showIcon title={t('partners.verify.noCamera')} />;
  return <video ref={video} muted playsInline style={{ width: '100%', maxHeight: 320, borderRadius: 8, background: '#000' }} data-testid="qr-video" />;
}
