import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** The agreement and the personal-information notice, where consent is asked (a new tab keeps the form). */
export function LegalLinks({ style }: { style?: React.CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph type="secondary" style={{ textAlign: 'center', ...style }} data-testid="legal-links">
      {t('legal.read')}
      <Link to="/terms" target="_blank" rel="noopener" style={{ display: 'inline-block', padding: '12px 2px' }} data-testid="to-terms">
        {t('legal.terms')}
      </Link>
      <Link to="/privacy" target="_blank" rel="noopener" style={{ display: 'inline-block', padding: '12px 2px' }} data-testid="to-privacy">
        {t('legal.privacy')}
      </Link>
    </Typography.Paragraph>
  );
}
