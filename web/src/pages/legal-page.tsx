import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PhoneShell } from '../components/phone-shell';
import { currentLang } from '../i18n';
import { legalText, type LegalKind } from '../features/legal/texts';

/** `/terms` and `/privacy`: the texts a person consents to, readable without an account. */
export default function LegalPage({ kind }: { kind: LegalKind }) {
  const { t, i18n } = useTranslation();
  const text = legalText(kind, currentLang(i18n.language));
  return (
    <PhoneShell>
      <Flex vertical gap={16} style={{ paddingBlock: 24 }} data-testid={`legal-${kind}`}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {text.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{text.intro}</Typography.Paragraph>
        {text.sections.map((s) => (
          <Card key={s.heading} size="small" title={s.heading}>
            {s.paragraphs.map((p) => (
              <Typography.Paragraph key={p.slice(0, 24)}>{p}</Typography.Paragraph>
            ))}
          </Card>
        ))}
        <Flex gap={16} wrap>
          <Link to={kind === 'terms' ? '/privacy' : '/terms'} style={{ padding: '12px 4px' }}>
            {t(kind === 'terms' ? 'legal.toPrivacy' : 'legal.toTerms')}
          </Link>
          <Link to="/login" style={{ padding: '12px 4px' }}>
            {t('claim.backToLogin')}
          </Link>
        </Flex>
      </Flex>
    </PhoneShell>
  );
}
