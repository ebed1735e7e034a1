import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { SignInPage } from './auth/sign-in-page';
import { AppShellLayout } from './pages/app-shell';
import { DashboardPage } from './pages/dashboard';
import { refreshSession, session } from './session/session';

const root = createRootRoute({ component: Outlet });

const signIn = createRoute({ getParentRoute: () => root, path: '/sign-in', component: SignInPage });
// The links of emails and the way back in: no session needed.
const acceptInvite = createRoute({
  getParentRoute: () => root,
  path: '/invite',
  component: lazyRouteComponent(() => import('./auth/accept-invite-page'), 'AcceptInvitePage'),
});
const resetPassword = createRoute({
  getParentRoute: () => root,
  path: '/reset-password',
  component: lazyRouteComponent(() => import('./auth/reset-password-page'), 'ResetPasswordPage'),
});
const forgotPassword = createRoute({
  getParentRoute: () => root,
  path: '/forgot-password',
  component: lazyRouteComponent(() => import('./auth/forgot-password-page'), 'ForgotPasswordPage'),
});

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
// Every page but the dashboard is its own chunk, fetched when first opened: the first load stays small.
const lazy = {
  campaigns: lazyRouteComponent(() => import('./campaigns/campaigns-page'), 'CampaignsPage'),
  newCampaign: lazyRouteComponent(() => import('./campaigns/new-campaign-page'), 'NewCampaignPage'),
  orders: lazyRouteComponent(() => import('./orders/orders-page'), 'OrdersPage'),
  order: lazyRouteComponent(() => import('./orders/order-page'), 'OrderPage'),
  compliance: lazyRouteComponent(() => import('./compliance/compliance-page'), 'CompliancePage'),
  orderQueue: lazyRouteComponent(() => import('./ops/order-queue-page'), 'OrderQueuePage'),
  settings: lazyRouteComponent(() => import('./settings/settings-page'), 'SettingsPage'),
  invoices: lazyRouteComponent(() => import('./invoices/invoices-page'), 'InvoicesPage'),
  auditLog: lazyRouteComponent(() => import('./audit/audit-log-page'), 'AuditLogPage'),
  practices: lazyRouteComponent(() => import('./ops/practices-page'), 'PracticesPage'),
  sources: lazyRouteComponent(() => import('./ops/sources-page'), 'SourcesPage'),
  deadLetters: lazyRouteComponent(() => import('./ops/dead-letters-page'), 'DeadLettersPage'),
};
const campaigns = createRoute({ getParentRoute: () => signedIn, path: '/campaigns', component: lazy.campaigns });
const newCampaign = createRoute({
  getParentRoute: () => signedIn,
  path: '/campaigns/new',
  component: lazy.newCampaign,
});
const orders = createRoute({ getParentRoute: () => signedIn, path: '/orders', component: lazy.orders });
const order = createRoute({ getParentRoute: () => signedIn, path: '/orders/$orderId', component: lazy.order });
const compliance = createRoute({ getParentRoute: () => signedIn, path: '/compliance', component: lazy.compliance });
const invoices = createRoute({ getParentRoute: () => signedIn, path: '/invoices', component: lazy.invoices });
const auditLog = createRoute({ getParentRoute: () => signedIn, path: '/audit', component: lazy.auditLog });
const practices = createRoute({ getParentRoute: () => signedIn, path: '/ops/practices', component: lazy.practices });
const sources = createRoute({ getParentRoute: () => signedIn, path: '/ops/sources', component: lazy.sources });
const deadLetters = createRoute({
  getParentRoute: () => signedIn,
  path: '/ops/dead-letters',
  component: lazy.deadLetters,
});
const settings = createRoute({ getParentRoute: () => signedIn, path: '/settings', component: lazy.settings });
const orderQueue = createRoute({ getParentRoute: () => signedIn, path: '/ops/orders', component: lazy.orderQueue });

export const router = createRouter({
  routeTree: root.addChildren([
    signIn,
    acceptInvite,
    resetPassword,
    forgotPassword,
    signedIn.addChildren([
      dashboard,
      campaigns,
      newCampaign,
      orders,
      order,
      compliance,
      invoices,
      auditLog,
      settings,
      orderQueue,
      practices,
      sources,
      deadLetters,
    ]),
  ]),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
