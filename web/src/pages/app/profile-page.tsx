import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Select, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GUARDIAN_RELATIONS, SERVICE_CATEGORIES, type ServiceCategory } from '@shared/constants';
import { describeError } from '../../api/error-text';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { peopleApi, type Profile } from '../../features/people/api';
import { showFormProblem } from '../../features/people/form-problem';
import { blankToNull, categoryLabel, cleanSkills } from '../../features/people/labels';
import { PhonePageHeader } from '../../components/phone-page-header';
import { useFormat } from '../../i18n/use-format';

interface ProfileValues {
  skills: string[];
  serviceCategories: ServiceCategory[];
  availability?: string;
  nationalVolunteerNo?: string;
}
const FIELDS = ['skills', 'serviceCategories', 'availability', 'nationalVolunteerNo'] as const;

/** Checkable tags for the service categories (antd Form passes value/onChange). */
export function CategoryTags({ value = [], onChange, testId }: { value?: ServiceCategory[]; onChange?: (v: ServiceCategory[]) => void; testId?: string }) {
  const { lang } = useFormat();
  return (
    <Flex wrap gap={8} data-testid={testId ?? 'category-tags'}>
      {SERVICE_CATEGORIES.map((c) => (
        <Tag.CheckableTag
          key={c}
          checked={value.includes(c)}
          onChange={(on) => onChange?.(on ? [...value, c] : value.filter((x) => x !== c))}
          style={{ padding: '6px 12px', fontSize: '1em', border: '1px solid #d9d9d9', minHeight: 36, display: 'inline-flex', alignItems: 'center' }}
          data-testid={`category-${c}`}
        >
          {categoryLabel(c, lang)}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}

/** 我的志愿者档案: my volunteer number, my record, skills and interests, public-display consent. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const { data, error, isFetching: loading, refetch: reload } = useQuery(peopleApi.myProfile());
  const [profile, setProfile] = useState<Profile | undefined>(undefined);
  useEffect(() => setProfile(data), [data]);

  return (
    <Flex vertical gap={16} data-testid="profile-page">
      <PhonePageHeader title={t('people.profile.title')} />
      {error && !profile ? (
        <ErrorState error={error} onRetry={reload} />
      ) : loading && !profile ? (
        <LoadingBlock rows={8} />
      ) : profile ? (
        <ProfileBody profile={profile} onChange={setProfile} />
      ) : null}
    </Flex>
  );
}

function ProfileBody({ profile, onChange }: { profile: Profile; onChange: (p: Profile) => void }) {
  const { t } = useTranslation();
  const { lang, date } = useFormat();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [consentBusy, setConsentBusy] = useState(false);

  const toggleConsent = async (on: boolean) => {
    setConsentBusy(true);
    try {
      onChange(await peopleApi.setPublicDisplay(on));
      void message.success(on ? t('people.profile.publicOn') : t('people.profile.publicOff'));
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    } finally {
      setConsentBusy(false);
    }
  };

  return (
    <>
      <Card style={{ background: 'linear-gradient(135deg,#fff1f0,#fff7e6)' }} data-testid="profile-number-card">
        <Typography.Text type="secondary">{t('people.profile.volunteerNo')}</Typography.Text>
        <div style={{ fontSize: 24, fontWeight: 700, letterSpacing: 1, color: '#cf1322', wordBreak: 'break-all' }} data-testid="profile-volunteer-no">
          {profile.volunteerNo}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
          {t('people.profile.volunteerNoHint')}
        </Typography.Text>
      </Card>

      <Card title={t('people.profile.basics')}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: t('people.profile.name'), children: profile.name },
            { key: 'id', label: t('people.profile.idNumber'), children: <span data-testid="profile-id-number">{profile.idNumberMasked ?? t('common.none')}</span> },
            { key: 'phone', label: t('people.profile.phone'), children: profile.phone },
            { key: 'region', label: t('people.profile.region'), children: profile.regionName ?? profile.regionCode },
            { key: 'birth', label: t('me.birthDate'), children: date(profile.birthDate) },
            ...(profile.age !== null ? [{ key: 'age', label: t('people.profile.age'), children: t('people.profile.ageValue', { age: profile.age }) }] : []),
            ...(profile.guardian
              ? [
                  {
                    key: 'guardian',
                    label: t('people.profile.guardian'),
                    children: t('people.profile.guardianValue', {
                      name: profile.guardian.name,
                      relation: (GUARDIAN_RELATIONS as readonly string[]).includes(profile.guardian.relation) ? t(`guardianRelations.${profile.guardian.relation as (typeof GUARDIAN_RELATIONS)[number]}`) : profile.guardian.relation,
                      phone: profile.guardian.phone,
                    }),
                  },
                ]
              : []),
          ]}
        />
        {profile.registeredOnBehalf ? (
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {t('people.profile.registeredBy', { name: profile.registeredByName ?? t('common.none') })}
          </Typography.Text>
        ) : null}
      </Card>

      <Card
        title={t('people.profile.skills')}
        extra={
          editing ? null : (
            <Button type="link" onClick={() => setEditing(true)} data-testid="profile-edit" style={{ minHeight: 44 }}>
              {t('people.profile.edit')}
            </Button>
          )
        }
      >
        {editing ? (
          <ProfileForm
            profile={profile}
            onCancel={() => setEditing(false)}
            onSaved={(p) => {
              onChange(p);
              setEditing(false);
              void message.success(t('people.profile.saved'));
            }}
          />
        ) : (
          <Flex vertical gap={12} data-testid="profile-view">
            <div>
              {profile.skills.length ? profile.skills.map((s) => <Tag key={s} color="red">{s}</Tag>) : <Typography.Text type="secondary">{t('people.profile.noSkills')}</Typography.Text>}
            </div>
            <div>
              <Typography.Text strong>{t('people.profile.categories')}</Typography.Text>
              <div style={{ marginTop: 4 }}>
                {profile.serviceCategories.length ? (
                  profile.serviceCategories.map((c) => (
                    <Tag key={c} color="orange">
                      {categoryLabel(c, lang)}
                    </Tag>
                  ))
                ) : (
                  <Typography.Text type="secondary">{t('people.profile.noCategories')}</Typography.Text>
                )}
              </div>
            </div>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'avail', label: t('people.profile.availability'), children: profile.availability ?? t('common.none') },
                { key: 'national', label: t('people.profile.nationalNo'), children: profile.nationalVolunteerNo ?? t('common.none') },
              ]}
            />
          </Flex>
        )}
      </Card>

      <Card>
        <label style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, minHeight: 44, cursor: 'pointer' }}>
          <div>
            <Typography.Text strong>{t('people.profile.publicDisplay')}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                {t('people.profile.publicDisplayHint')}
              </Typography.Text>
            </div>
          </div>
          <Switch checked={profile.publicDisplay} loading={consentBusy} onChange={toggleConsent} data-testid="profile-public-switch" style={{ minWidth: 56 }} />
        </label>
      </Card>
    </>
  );
}

function ProfileForm({ profile, onSaved, onCancel }: { profile: Profile; onSaved: (p: Profile) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const [form] = Form.useForm<ProfileValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = async (v: ProfileValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const p = await peopleApi.updateMyProfile({
        skills: cleanSkills(v.skills ?? []),
        serviceCategories: v.serviceCategories ?? [],
        availability: blankToNull(v.availability),
        nationalVolunteerNo: blankToNull(v.nationalVolunteerNo),
      });
      onSaved(p);
    } catch (err) {
      setProblem(showFormProblem(form, err, t, lang, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<ProfileValues>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      data-testid="profile-form"
      initialValues={{ skills: profile.skills, serviceCategories: profile.serviceCategories, availability: profile.availability ?? '', nationalVolunteerNo: profile.nationalVolunteerNo ?? '' }}
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} data-testid="profile-problem" /> : null}
      <Form.Item name="skills" label={t('people.profile.skills')} extra={t('people.profile.skillsHint')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder={t('people.profile.skillsPlaceholder')} open={false} data-testid="profile-skills" />
      </Form.Item>
      <Form.Item name="serviceCategories" label={t('people.profile.categories')} extra={t('people.profile.categoriesHint')}>
        <CategoryTags />
      </Form.Item>
      <Form.Item name="availability" label={t('people.profile.availability')}>
        <Input maxLength={200} placeholder={t('people.profile.availabilityPlaceholder')} data-testid="profile-availability" />
      </Form.Item>
      <Form.Item name="nationalVolunteerNo" label={t('people.profile.nationalNo')}>
        <Input maxLength={40} placeholder={t('people.profile.nationalNoPlaceholder')} data-testid="profile-national-no" />
      </Form.Item>
      <Flex gap={12}>
        <Button block onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button block type="primary" htmlType="submit" loading={busy} data-testid="profile-save">
          {t('people.common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
