import { AppShell, Button, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { api, dataOf } from '../api/client';
import { signOut as endSession, signOutEverywhere } from '../session/session';
import { QueryState } from './query-state';

/** The frame of every signed-in page: who is signed in, for which practice, and signing out. */
export function AppShellLayout() {
  const navigate = useNavigate();
  const me = useQuery({ queryKey: ['me'], queryFn: async () => dataOf(await api.GET('/api/me')) });
  const signOut = async (end: () => Promise<void> = endSession) => {
    await end();
    await navigate({ to: '/sign-in' });
  };
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={2} size="h4">
            PatientLetterHub
          </Title>
          <Group>
            {me.data && (
              <Text size="sm">
                {me.data.email} · {me.data.practice?.name ?? 'Operations'} · {me.data.role}
              </Text>
            )}
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
            <Button variant="subtle" size="xs" onClick={() => void signOut(signOutEverywhere)}>
              Sign out everywhere
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <QueryState query={me}>{() => <Outlet />}</QueryState>
      </AppShell.Main>
    </AppShell>
  );
}
