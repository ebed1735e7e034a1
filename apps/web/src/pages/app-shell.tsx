import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { isOps, useMe } from '../api/me';
import { signOut as endSession, signOutEverywhere } from '../session/session';
import { QueryState } from '../ui/query-state';

const PRACTICE_PAGES = [
  { to: '/', label: 'Dashboard' },
  { to: '/campaigns', label: 'Campaigns' },
  { to: '/orders', label: 'Orders' },
  { to: '/invoices', label: 'Invoices' },
  { to: '/compliance', label: 'Compliance' },
  { to: '/audit', label: 'Audit log' },
  { to: '/settings', label: 'Settings' },
] as const;
/** The ops console; compliance sources are the ops admins' (the API refuses agents). */
const OPS_PAGES = [
  { to: '/ops/orders', label: 'Order queue' },
  { to: '/ops/practices', label: 'Practices' },
  { to: '/ops/sources', label: 'Compliance sources', adminOnly: true },
  { to: '/ops/dead-letters', label: 'Dead letters' },
] as const;

/**
 * The frame of every signed-in page: who is signed in, for which practice, the pages of their role, and
 * signing out. Below the `sm` breakpoint (a tablet held upright) the navigation folds behind a burger.
 */
export function AppShellLayout() {
  const navigate = useNavigate();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const role = me.data?.role;
  const pages = !me.data
    ? []
    : isOps(role)
      ? OPS_PAGES.filter((p) => !('adminOnly' in p) || role === 'ops_admin')
      : PRACTICE_PAGES;
  const signOut = async (end: () => Promise<void> = endSession) => {
    await end();
    await navigate({ to: '/sign-in' });
  };
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Navigation" />
            <Title order={2} size="h4">
              PatientLetterHub
            </Title>
          </Group>
          <Group wrap="nowrap" gap="xs">
            {me.data && (
              <Text size="sm" visibleFrom="md">
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
      <AppShell.Navbar p="xs" aria-label="Pages">
        {pages.map((p) => (
          <NavLink
            key={p.to}
            component={Link}
            to={p.to}
            label={p.label}
            onClick={close}
            active={p.to === '/' ? pathname === '/' : pathname.startsWith(p.to)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Pages do not wait for /api/me: each asks for its own data at once and shows its own loading. */}
        {me.isError ? <QueryState query={me}>{() => null}</QueryState> : <Outlet />}
      </AppShell.Main>
    </AppShell>
  );
}
