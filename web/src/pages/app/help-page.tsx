import { App, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PhonePageHeader } from '../../components/phone-page-header';
import { RequestForm } from '../../features/requests/request-form';

/** 我要求助: one task on one screen — say what help is needed, and where. */
export default function HelpPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={16} data-testid="help-page">
      <PhonePageHeader title={t('requests.help.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('requests.help.intro')}</Typography.Paragraph>
        <RequestForm
          onDone={() => {
            void message.success(t('requests.help.done'));
            navigate('/requests');
          }}
        />
      </Card>
    </Flex>
  );
}
