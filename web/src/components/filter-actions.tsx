import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** The buttons under a console list's filters: 重置 and 查询 (the form's submit). */
export function FilterActions({ onReset, searchTestId }: { onReset: () => void; searchTestId: string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} justify="flex-end">
      <Button onClick={onReset}>{t('common.reset')}</Button>
      <Button type="primary" htmlType="submit" data-testid={searchTestId}>
        {t('common.search')}
      </Button>
    </Flex>
  );
}
