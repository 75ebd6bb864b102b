import { useState } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import { FontSizeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/auth-context';
import { usePreferences } from './preferences';

export const LARGE_TEXT_ASKED_KEY = 'aixin.largeTextAsked';
/** From this age large text is offered once, at the first visit of the home page. */
export const LARGE_TEXT_OFFER_AGE = 65;

function asked(): boolean {
  try {
    return localStorage.getItem(LARGE_TEXT_ASKED_KEY) === '1';
  } catch {
    return true;
  }
}

/** Offers large text once to a person over 65 who has not got it on; either answer is remembered. */
export function LargeTextOffer() {
  const { t } = useTranslation();
  const { user } = useMe();
  const { largeText, setLargeText } = usePreferences();
  const [done, setDone] = useState(asked);
  if (done || largeText || !user || (user.age ?? 0) < LARGE_TEXT_OFFER_AGE) return null;
  const answer = (on: boolean) => {
    try {
      localStorage.setItem(LARGE_TEXT_ASKED_KEY, '1');
    } catch {
      // asked again next time
    }
    if (on) setLargeText(true);
    setDone(true);
  };
  return (
    <Card data-testid="large-text-offer" style={{ borderColor: '#e8443a' }}>
      <Flex vertical gap={12}>
        <Typography.Text strong style={{ fontSize: 20 }}>
          <FontSizeOutlined /> {t('home.largeTextOffer.title')}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 18 }}>{t('home.largeTextOffer.body')}</Typography.Text>
        <Button type="primary" size="large" block style={{ height: 56, fontSize: 20 }} onClick={() => answer(true)} data-testid="large-text-yes">
          {t('home.largeTextOffer.yes')}
        </Button>
        <Button size="large" block onClick={() => answer(false)} data-testid="large-text-no">
          {t('home.largeTextOffer.no')}
        </Button>
      </Flex>
    </Card>
  );
}
