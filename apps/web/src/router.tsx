import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
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
// Every page but the dashboard is its own chunk, fetched when first opened: the first load stays small.
const lazy = {
  campaigns: lazyRouteComponent(() => import('./campaigns/campaigns-page'), 'CampaignsPage'),
  newCampaign: lazyRouteComponent(() => import('./campaigns/new-campaign-page'), 'NewCampaignPage'),
  orders: lazyRouteComponent(() => import('./orders/orders-page'), 'OrdersPage'),
  order: lazyRouteComponent(() => import('./orders/order-page'), 'OrderPage'),
  compliance: lazyRouteComponent(() => import('./compliance/compliance-page'), 'CompliancePage'),
  orderQueue: lazyRouteComponent(() => import('./ops/order-queue-page'), 'OrderQueuePage'),
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
const orderQueue = createRoute({ getParentRoute: () => signedIn, path: '/ops/orders', component: lazy.orderQueue });

export const router = createRouter({
  routeTree: root.addChildren([
    signIn,
    signedIn.addChildren([dashboard, campaigns, newCampaign, orders, order, compliance, orderQueue]),
  ]),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
