import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Checkbox, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import { LoadingBlock } from '../../components/page-state';
import { useMe } from '../auth/auth-context';
import { useFormat } from '../../i18n/use-format';
import { pickLanguage } from '../../lib/bilingual';
import { requestsApi, type ServiceRequest } from './api';

/** 接单: a team's admin names who will go (the team's active members, themself included). */
export function AcceptModal({ request, open, onClose, onDone }: { request: ServiceRequest; open: boolean; onClose: () => void; onDone: (r: ServiceRequest) => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { user } = useMe();
  const team = request.assignedOrgId;
  const members = useQuery({ ...requestsApi.members(team ?? ''), enabled: Boolean(open && team) });
  const [chosen, setChosen] = useState<string[]>(user ? [user.id] : []);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const options = [
    ...(user ? [{ value: user.id, label: user.name }] : []),
    ...(members.data?.items ?? []).filter((m) => m.userId !== user?.id).map((m) => ({ value: m.userId, label: `${m.userName} ${m.phone}` })),
  ];

  const submit = async () => {
    if (team && chosen.length === 0) {
      setProblem(t('requests.assigned.helpersRequired'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onDone(await requestsApi.accept(request.id, team ? chosen : undefined));
    } catch (err) {
      const field = isApiError(err) ? err.fields.helperIds : undefined;
      setProblem(field ? pickLanguage(field, lang) : describeError(err, t, lang).title);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('requests.assigned.acceptTitle')} onCancel={onClose} footer={null}>
      <Flex vertical gap={12} data-testid="accept-form">
        {team ? (
          <>
            <Typography.Text type="secondary">{t('requests.assigned.helpersHint')}</Typography.Text>
            {members.isFetching && !members.data ? <LoadingBlock rows={2} /> : null}
            {members.error ? <Alert type="warning" showIcon title={t('requests.assigned.membersFailed')} /> : null}
            <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="accept-helpers">
              {options.map((o) => (
                <div key={o.value} data-testid="accept-helper">
                  <Checkbox value={o.value} style={{ minHeight: 32 }}>
                    {o.label}
                  </Checkbox>
                </div>
              ))}
            </Checkbox.Group>
          </>
        ) : null}
        {problem ? <Alert type="error" showIcon title={problem} data-testid="accept-problem" /> : null}
        <Button type="primary" size="large" block loading={busy} onClick={submit} data-testid="accept-submit">
          {t('requests.assigned.accept')}
        </Button>
      </Flex>
    </Modal>
  );
}
