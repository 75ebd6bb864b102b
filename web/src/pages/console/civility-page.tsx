import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, List, Radio, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/error-text';
import { ErrorState, LoadingBlock } from '../../components/page-state';
import { regionRoots } from '../../features/access/grant-rules';
import { useMe } from '../../features/auth/auth-context';
import { civilityApi, type CivilityCriteria, type CivilityEntry } from '../../features/civility/api';
import { RegionCascader } from '../../features/regions/region-cascader';
import { lastOf } from '../../features/requests/labels';
import { useFormat } from '../../i18n/use-format';

/** The ten stars most communities rate by: the default of a new year's criteria (editable by the API). */
const DEFAULT_STARS = [
  ['law', '爱国守法'], ['filial', '孝老爱亲'], ['clean', '清洁卫生'], ['honest', '诚实守信'], ['neighbour', '团结互助'],
  ['thrift', '勤俭节约'], ['study', '重教好学'], ['volunteer', '热心公益'], ['green', '生态环保'], ['family', '家风文明'],
] as const;

/** 十星级文明户 and 道德红黑榜 for a region's staff: criteria, rating with evidence, paper consent, the board with review and appeals. */
export default function CivilityConsolePage() {
  const { t } = useTranslation();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [regionPath, setRegionPath] = useState<string[] | undefined>();
  const regionCode = lastOf(regionPath);
  return (
    <Flex vertical gap={16} data-testid="civility-console">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('civility.title')}</Typography.Title>
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{t('civility.console.region')}</Typography.Text>
        <RegionCascader roots={roots} value={regionPath} onChange={(v) => setRegionPath(v as string[] | undefined)} testId="civility-region" style={{ minWidth: 260 }} />
      </Flex>
      {!regionCode ? (
        <Alert type="info" showIcon title={t('civility.console.region')} />
      ) : (
        <Tabs items={[{ key: 'ratings', label: t('civility.console.households'), children: <Ratings regionCode={regionCode} /> }, { key: 'board', label: t('civility.console.boardTab'), children: <Board regionCode={regionCode} /> }]} />
      )}
    </Flex>
  );
}

function useAct() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { message } = App.useApp();
  return async (fn: () => Promise<unknown>, done?: () => void) => {
    try {
      await fn();
      void message.success(t('civility.console.saved'));
      done?.();
    } catch (err) {
      void message.error(describeError(err, t, lang).title);
    }
  };
}

function Ratings({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const act = useAct();
  const year = dayjs().year();
  // no criteria for the year yet is an answer (the button to create them), not an error to show
  const criteria = useQuery(civilityApi.criteria(regionCode, year));
  const ratings = useQuery(civilityApi.ratings({ regionCode, pageSize: 100 }));
  if (criteria.isFetching && criteria.data === undefined) return <LoadingBlock />;
  return (
    <Flex vertical gap={12}>
      {!criteria.data ? (
        <Button type="primary" onClick={() => void act(() => civilityApi.createCriteria({ regionCode, year, title: `${year}年度十星级文明户评选标准`, stars: DEFAULT_STARS.map(([key, name]) => ({ key, name, description: '' })) }), () => void criteria.refetch())} data-testid="civility-create-criteria">
          {t('civility.console.createCriteria')}
        </Button>
      ) : (
        <>
          <Card size="small" title={`${criteria.data.title}（${criteria.data.regionName}）`}>
            <Flex gap={4} wrap>{criteria.data.stars.map((s) => <Tag key={s.key}>{s.name}</Tag>)}</Flex>
          </Card>
          <RateForm regionCode={regionCode} criteria={criteria.data} onDone={() => void ratings.refetch()} />
        </>
      )}
      {ratings.error && !ratings.data ? <ErrorState error={ratings.error} onRetry={ratings.refetch} /> : (
        <List
          dataSource={ratings.data?.items ?? []}
          data-testid="civility-ratings"
          renderItem={(r) => (
            <List.Item actions={r.consentPublic ? [] : [<Button key="p" size="small" onClick={() => void act(() => civilityApi.consent(r.id, true, 'paper'), () => void ratings.refetch())}>{t('civility.console.paperConsent')}</Button>]}>
              <Flex vertical>
                <Typography.Text strong>{r.headName} · {r.address} · {t('civility.stars', { n: r.starCount })}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.stars.filter((s) => s.earned).map((s) => s.name).join('、')}</Typography.Text>
                <Typography.Text type={r.consentPublic ? 'success' : 'secondary'} style={{ fontSize: 12 }}>{r.consentPublic ? `${t('civility.consented')}${r.consentMethod === 'paper' ? `（${t('civility.paper')}）` : ''}` : t('civility.notConsented')}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}

function RateForm({ regionCode, criteria, onDone }: { regionCode: string; criteria: CivilityCriteria; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useAct();
  const [form] = Form.useForm<Record<string, string | boolean | undefined>>();
  const submit = (v: Record<string, string | boolean | undefined>) =>
    act(async () => {
      const h = await civilityApi.createHousehold({ regionCode, address: String(v.address).trim(), headName: String(v.headName).trim() });
      await civilityApi.rate({ householdId: h.id, criteriaId: criteria.id, stars: criteria.stars.map((s) => ({ key: s.key, earned: !!v[`e_${s.key}`], ...(v[`v_${s.key}`] ? { evidence: String(v[`v_${s.key}`]) } : {}) })) });
    }, () => {
      form.resetFields();
      onDone();
    });
  return (
    <Card size="small" title={t('civility.console.household')}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Flex gap={12} wrap>
          <Form.Item name="headName" label={t('civility.console.headName')} rules={[{ required: true, message: t('civility.console.fillRequired') }]} style={{ flex: '1 1 160px' }}><Input maxLength={40} /></Form.Item>
          <Form.Item name="address" label={t('civility.console.address')} rules={[{ required: true, min: 2, message: t('civility.console.fillRequired') }]} style={{ flex: '2 1 260px' }}><Input maxLength={200} /></Form.Item>
        </Flex>
        {criteria.stars.map((s) => (
          <Flex key={s.key} gap={8} align="center" wrap>
            <Form.Item name={`e_${s.key}`} valuePropName="checked" style={{ marginBottom: 8, minWidth: 120 }}><Checkbox>{s.name}</Checkbox></Form.Item>
            <Form.Item name={`v_${s.key}`} style={{ marginBottom: 8, flex: 1 }}><Input placeholder={t('civility.console.evidenceFor', { name: s.name })} /></Form.Item>
          </Flex>
        ))}
        <Button type="primary" htmlType="submit">{t('civility.console.rate')}</Button>
      </Form>
    </Card>
  );
}

function Board({ regionCode }: { regionCode: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const act = useAct();
  const { modal } = App.useApp();
  const list = useQuery(civilityApi.board({ regionCode, pageSize: 100 }));
  const [form] = Form.useForm<{ board: 'red' | 'black'; title: string; deed: string; evidence: string; subjectName?: string; range: [Dayjs, Dayjs] }>();
  const ask = (title: string, run: (text: string) => Promise<unknown>) => {
    let text = '';
    modal.confirm({ title, content: <Input.TextArea rows={3} onChange={(e) => (text = e.target.value)} />, onOk: () => act(() => run(text.trim()), () => void list.refetch()) });
  };
  const entryRow = (e: CivilityEntry) => (
    <List.Item
      actions={e.reviewStatus === 'pending' ? [
        <Button key="a" size="small" type="primary" onClick={() => void act(() => civilityApi.review(e.id, 'approve'), () => void list.refetch())} data-testid="civility-approve">{t('civility.console.approve')}</Button>,
        <Button key="r" size="small" onClick={() => ask(t('civility.console.reject'), (note) => civilityApi.review(e.id, 'reject', note))}>{t('civility.console.reject')}</Button>,
      ] : []}
    >
      <Flex vertical gap={2}>
        <Typography.Text strong>
          <Tag color={e.board === 'red' ? 'red' : 'default'}>{t(`civility.board.${e.board}`)}</Tag>{e.title}{e.subjectName ? ` · ${e.subjectName}` : ''}{' '}
          <Tag>{t(`civility.review.${e.reviewStatus}`)}</Tag>{e.status === 'withdrawn' ? <Tag>{t('civility.withdrawn')}</Tag> : e.isPublic ? <Tag color="green">{t('civility.public')}</Tag> : <Tag>{t('civility.notPublic')}</Tag>}
        </Typography.Text>
        <Typography.Text>{e.deed}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('civility.evidence', { text: e.evidence })} · {t('civility.period', { from: date(e.periodFrom), to: date(e.periodTo) })} · {e.enteredByName}{e.reviewedByName ? ` / ${e.reviewedByName}` : ''}</Typography.Text>
        {e.appeals.map((a) => (
          <Flex key={a.id} gap={8} align="center" wrap>
            <Typography.Text type="warning">{a.appellantName}：{a.reason}（{t(`civility.appealStatus.${a.status}`)}）</Typography.Text>
            {a.status === 'open' ? (
              <>
                <Button size="small" onClick={() => ask(t('civility.console.answerPrompt'), (text) => civilityApi.answer(a.id, 'uphold', text))}>{t('civility.console.uphold')}</Button>
                <Button size="small" onClick={() => ask(t('civility.console.answerPrompt'), (text) => civilityApi.answer(a.id, 'dismiss', text))}>{t('civility.console.dismiss')}</Button>
              </>
            ) : null}
          </Flex>
        ))}
      </Flex>
    </List.Item>
  );
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('civility.console.newEntry')}>
        <Form form={form} layout="vertical" initialValues={{ board: 'red', range: [dayjs(), dayjs().endOf('year')] }} onFinish={(v) => void act(() => civilityApi.createEntry({ regionCode, board: v.board, title: v.title.trim(), deed: v.deed.trim(), evidence: v.evidence.trim(), ...(v.subjectName?.trim() ? { subjectName: v.subjectName.trim() } : {}), periodFrom: v.range[0].format('YYYY-MM-DD'), periodTo: v.range[1].format('YYYY-MM-DD') }), () => { form.resetFields(); void list.refetch(); })}>
          <Form.Item name="board"><Radio.Group options={[{ value: 'red', label: t('civility.board.red') }, { value: 'black', label: t('civility.board.black') }]} /></Form.Item>
          <Form.Item name="title" label={t('civility.console.entryTitle')} rules={[{ required: true, min: 2, message: t('civility.console.fillRequired') }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="deed" label={t('civility.console.deed')} rules={[{ required: true, min: 2, message: t('civility.console.fillRequired') }]}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="evidence" label={t('civility.console.evidenceField')} rules={[{ required: true, min: 2, message: t('civility.console.fillRequired') }]}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="subjectName" label={t('civility.console.subjectName')}><Input maxLength={60} /></Form.Item>
          <Form.Item name="range" label={`${t('civility.console.from')} – ${t('civility.console.to')}`} rules={[{ required: true, message: t('civility.console.fillRequired') }]}><DatePicker.RangePicker /></Form.Item>
          <Button type="primary" htmlType="submit">{t('civility.console.newEntry')}</Button>
        </Form>
      </Card>
      {list.error && !list.data ? <ErrorState error={list.error} onRetry={list.refetch} /> : <List dataSource={list.data?.items ?? []} renderItem={entryRow} data-testid="civility-board-list" />}
    </Flex>
  );
}
