import { useEffect, useMemo, useState } from 'react';
import { fetchApi } from '../../api/query';
import { Alert, Button, Card, Flex, Form, Progress, Radio, Result, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/auth-context';
import { regionRoots } from '../../features/access/grant-rules';
import { peopleApi, startImport, type ImportJob } from '../../features/people/api';
import { showFormProblem } from '../../features/people/form-problem';
import { importPercent, lastCode } from '../../features/people/labels';
import { RegionCascader } from '../../features/regions/region-cascader';
import { describeError } from '../../api/error-text';
import { useFormat } from '../../i18n/use-format';
import { pickLanguage } from '../../lib/bilingual';

const COLUMNS = ['姓名', '身份证号', '手机号', '所属社区', '技能', '服务类别'];

interface Values {
  region?: string[];
  mode: 'all_or_nothing' | 'skip_bad';
}

/** 批量导入: upload an .xlsx, watch the job's progress (the job id stays in the address), then the counts and every bad row. */
export default function ImportsPage() {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const { grants } = useMe();
  const roots = useMemo(() => regionRoots(grants, ['region_admin']), [grants]);
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [pollError, setPollError] = useState<unknown>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!jobId) {
      setJob(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const j = await fetchApi(peopleApi.importJob(jobId));
        if (!live) return;
        setJob(j);
        setPollError(null);
        if (j.status === 'running') timer = setTimeout(tick, 700);
      } catch (err) {
        if (!live) return;
        setPollError(err);
        timer = setTimeout(tick, 2000);
      }
    };
    void tick();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [jobId]);

  const onFinish = async (v: Values) => {
    if (!file) {
      setFileError(t('people.imports.fileRequired'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const j = await startImport(file, { regionCode: lastCode(v.region)!, mode: v.mode, fileName: file.name });
      setJob(j);
      setParams({ job: j.id });
    } catch (err) {
      setProblem(showFormProblem(form, err, t, lang, ['region', 'mode'] as const, { regionCode: 'region' }));
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setParams({});
    setJob(null);
    setFile(null);
  };

  return (
    <Flex vertical gap={16} data-testid="imports-page" style={{ maxWidth: 960 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('people.imports.title')}
      </Typography.Title>
      {jobId ? (
        <JobView job={job} error={pollError} onAgain={again} />
      ) : (
        <Card>
          <Typography.Paragraph>{t('people.imports.intro')}</Typography.Paragraph>
          <Typography.Paragraph strong>{t('people.imports.columns')}</Typography.Paragraph>
          <Table
            size="small"
            bordered
            pagination={false}
            rowKey="k"
            style={{ marginBottom: 8 }}
            columns={COLUMNS.map((c, i) => ({ key: c, title: c, dataIndex: `c${i}` }))}
            dataSource={[{ k: 'example', c0: '王秀兰', c1: '140502195803120025', c2: '13800001234', c3: '凤台社区', c4: '理发、缝补', c5: '助老' }]}
            data-testid="imports-columns"
          />
          <Typography.Paragraph type="secondary">{t('people.imports.columnsNote')}</Typography.Paragraph>
          {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} data-testid="imports-problem" /> : null}
          <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ mode: 'all_or_nothing', region: roots.length === 1 ? [roots[0]!.code] : undefined }}>
            <Form.Item name="region" label={t('people.imports.region')} rules={[{ required: true, type: 'array', min: 1, message: t('people.common.regionRequired') }]}>
              <RegionCascader roots={roots} style={{ maxWidth: 360 }} />
            </Form.Item>
            <Form.Item name="mode" label={t('people.imports.mode')}>
              <Radio.Group
                options={[
                  { value: 'all_or_nothing', label: t('people.imports.modeAll') },
                  { value: 'skip_bad', label: t('people.imports.modeSkip') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('people.imports.file')} required validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  setFileError(null);
                  return false;
                }}
                onRemove={() => setFile(null)}
                fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
                data-testid="imports-file"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p>{t('people.imports.pick')}</p>
              </Upload.Dragger>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="imports-start">
              {t('people.imports.start')}
            </Button>
          </Form>
        </Card>
      )}
    </Flex>
  );
}

function JobView({ job, error, onAgain }: { job: ImportJob | null; error: unknown; onAgain: () => void }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  if (!job) {
    return <Card>{error ? <Alert type="warning" showIcon message={describeError(error, t, lang).title} /> : <Progress percent={0} status="active" />}</Card>;
  }
  const finished = job.status !== 'running';
  return (
    <Card data-testid="imports-job">
      <Flex vertical gap={16}>
        <Flex gap={8} align="center">
          <Tag color={job.status === 'failed' ? 'red' : finished ? 'green' : 'blue'} data-testid="imports-phase">
            {t(`people.imports.phase.${job.phase}`)}
          </Tag>
          <Typography.Text>{job.fileName}</Typography.Text>
        </Flex>
        <Progress percent={importPercent(job)} status={job.status === 'failed' ? 'exception' : finished ? 'success' : 'active'} data-testid="imports-progress" />
        <Typography.Text type="secondary">{t('people.imports.progress', { done: job.processedRows, total: job.totalRows })}</Typography.Text>
        {!finished ? <Alert type="info" showIcon message={t('people.imports.leaveHint')} /> : null}
        {finished ? (
          <>
            {/* one outcome, in the page's language: done (with its counts), N rows wrong (nothing imported), or why it stopped */}
            <Result
              status={job.status === 'failed' ? 'warning' : 'success'}
              title={job.status !== 'failed' ? t('people.imports.done') : job.errorCount > 0 ? t('people.imports.rowsWrong', { n: job.errorCount }) : t('people.imports.failed')}
              subTitle={job.status === 'failed' && job.errorCount === 0 && job.message ? pickLanguage(job.message, lang) : job.status === 'failed' ? t('people.imports.fixAndRetry') : undefined}
              style={{ padding: 16 }}
              data-testid="imports-outcome"
            />
            {job.status !== 'failed' ? (
              <Flex gap={32} justify="center" style={{ fontSize: 18 }}>
                <Typography.Text strong data-testid="imports-created">
                  {t('people.imports.created', { n: job.createdCount })}
                </Typography.Text>
                <Typography.Text strong data-testid="imports-matched">
                  {t('people.imports.matched', { n: job.matchedCount })}
                </Typography.Text>
              </Flex>
            ) : null}
            <Typography.Title level={5}>{t('people.imports.badRows')}</Typography.Title>
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.field ?? ''}-${r.reason}`}
              dataSource={job.errors}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('people.imports.noBadRows') }}
              data-testid="imports-errors"
              columns={[
                { key: 'row', title: t('people.imports.row'), dataIndex: 'row', width: 80 },
                { key: 'field', title: t('people.imports.field'), dataIndex: 'field', width: 140, render: (v: string | null) => v ?? t('common.none') },
                { key: 'reason', title: t('people.imports.reasonCol'), dataIndex: 'reason', render: (v: string) => pickLanguage(v, lang) },
              ]}
            />
            <div>
              <Button type="primary" onClick={onAgain}>
                {t('people.imports.again')}
              </Button>
            </div>
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
