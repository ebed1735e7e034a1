import { createRootRoute, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { AppShellLayout } from './pages/app-shell';
import { DashboardPage } from './pages/dashboard';
import { SignInPage } from './pages/sign-in';
import { refreshSession, session } from './session/session';

const root = createRootRoute({ component: Outlet });

const signIn = createRoute({ getParentRoute: () => root, path: '/sign-in', component: SignInPage });

/** Everything else needs a session: without one, to the sign-in page (and back after it). */
const signedIn = createRoute({
  getParentRoute: () => root,
  id: 'signed-in',
  // A reload keeps the session: the refresh cookie gives a new access token without the password.
  beforeLoad: async ({ location }) => {
    if (!session.accessToken() && !(await refreshSession()))
      throw redirect({ to: '/sign-in', search: { next: location.href } });
  },
  component: AppShellLayout,
});

const dashboard = createRoute({ getParentRoute: () => signedIn, path: '/', component: DashboardPage });

export const router = createRouter({ routeTree: root.addChildren([signIn, signedIn.addChildren([dashboard])]) });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
