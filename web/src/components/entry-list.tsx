import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';

export interface Entry {
  to: string;
  key: string;
  icon: ReactNode;
  title: string;
  hint: string;
}

/** A card of links on 我的, one task per row; every row is a 56 px tap target. */
export function EntryList({ title, testId, entries }: { title: string; testId: string; entries: readonly Entry[] }) {
  return (
    <Card title={title} data-testid={testId} styles={{ body: { padding: 0 } }}>
      {entries.map((e) => (
        <Link key={e.key} to={e.to} data-testid={`me-entry-${e.key}`} style={{ display: 'block', color: 'inherit', borderBottom: '1px solid #f0f0f0' }}>
          <Flex align="center" gap={12} style={{ padding: '12px 16px', minHeight: 56 }}>
            <span style={{ fontSize: 22, color: '#d4380d' }}>{e.icon}</span>
            <div style={{ flex: 1 }}>
              <Typography.Text strong>{e.title}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                  {e.hint}
                </Typography.Text>
              </div>
            </div>
            <RightOutlined style={{ color: '#bbb' }} />
          </Flex>
        </Link>
      ))}
    </Card>
  );
}
