import { PhoneOutlined } from '@ant-design/icons';

/** A phone number to tap and call (tel:), large enough for a finger. */
export function PhoneLink({ phone, testId }: { phone: string; testId?: string }) {
  const digits = phone.replace(/[^\d+]/g, '');
  return (
    <a href={`tel:${digits}`} data-testid={testId} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, minHeight: 44, whiteSpace: 'nowrap' }}>
      <PhoneOutlined />
      {phone}
    </a>
  );
}
