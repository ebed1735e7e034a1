import { Stack, Tabs, Title } from '@mantine/core';
import { useMe } from '../api/me';
import { ApiKeysTab } from './api-keys-tab';
import { MyNotificationsTab } from './my-notifications-tab';
import { PracticeNotificationsTab } from './practice-notifications-tab';
import { UsersTab } from './users-tab';
import { WebhooksTab } from './webhooks-tab';

/** The practice's settings: users and roles, API keys, webhook endpoints, the practice's and the user's own notifications. */
export function SettingsPage() {
  const me = useMe();
  const tenantId = me.data?.practice?.id;
  const owner = me.data?.role === 'owner';
  if (!tenantId) return null;
  return (
    <Stack>
      <Title order={1} size="h2">
        Settings
      </Title>
      <Tabs defaultValue={owner ? 'users' : 'notifications'} keepMounted={false}>
        <Tabs.List>
          {owner && <Tabs.Tab value="users">Users</Tabs.Tab>}
          {owner && <Tabs.Tab value="api-keys">API keys</Tabs.Tab>}
          <Tabs.Tab value="webhooks">Webhooks</Tabs.Tab>
          {owner && <Tabs.Tab value="practice-notifications">Practice notifications</Tabs.Tab>}
          <Tabs.Tab value="notifications">My notifications</Tabs.Tab>
        </Tabs.List>
        {owner && (
          <Tabs.Panel value="users" pt="md">
            <UsersTab tenantId={tenantId} canManage={owner} />
          </Tabs.Panel>
        )}
        {owner && (
          <Tabs.Panel value="api-keys" pt="md">
            <ApiKeysTab tenantId={tenantId} canCreate={owner} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksTab tenantId={tenantId} canManage={owner} />
        </Tabs.Panel>
        {owner && (
          <Tabs.Panel value="practice-notifications" pt="md">
            <PracticeNotificationsTab tenantId={tenantId} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="notifications" pt="md">
          <MyNotificationsTab tenantId={tenantId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
