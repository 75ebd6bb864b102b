import { useState } from 'react';
import { Button, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { geolocate, type Position } from '../requests/geolocate';

/** 使用我的位置: the phone's position becomes the activity's place (no coordinates typed). */
export function UseMyLocation({ onFound }: { onFound: (p: Position) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const locate = async () => {
    setBusy(true);
    setFailed(false);
    try {
      onFound(await geolocate());
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button icon={<AimOutlined />} loading={busy} onClick={() => void locate()} data-testid="activity-use-location">
        {t('activities.form.useMyLocation')}
      </Button>
      {failed ? (
        <Typography.Text type="warning" style={{ marginInlineStart: 8 }} data-testid="activity-location-failed">
          {t('activities.form.locationFailed')}
        </Typography.Text>
      ) : null}
    </>
  );
}
