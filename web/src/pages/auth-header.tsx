import { HeartFilled } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import { BRAND_COLOR } from '../app/providers';

/** The top of the login and register pages: the brand, the page's title, the language switch. */
export function AuthHeader({ title, subtitle }: { title: string; subtitle: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 20 }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 24 }}>
        <Flex align="center" gap={8}>
          <HeartFilled style={{ color: BRAND_COLOR, fontSize: 28 }} />
          <div>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {t('app.name')}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('app.tagline')}
              </Typography.Text>
            </div>
          </div>
        </Flex>
        <LanguageSwitch size="large" />
      </Flex>
      <Typography.Title level={2} style={{ marginBottom: 4 }}>
        {title}
      </Typography.Title>
      <Typography.Text type="secondary">{subtitle}</Typography.Text>
    </div>
  );
}
