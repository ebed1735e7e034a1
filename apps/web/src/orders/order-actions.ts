import { api, dataOf } from '../api/client';
import type { paths } from '../api/generated/openapi';

export type Order =
  paths['/api/tenants/{tenantId}/orders/{orderId}']['get']['responses'][200]['content']['application/json'];
export type OrderAction = Order['availableActions'][number];
type ActionName = paths['/api/tenants/{tenantId}/orders/{orderId}/{action}']['post']['parameters']['path']['action'];
type ActionBody = NonNullable<
  paths['/api/tenants/{tenantId}/orders/{orderId}/{action}']['post']['requestBody']
>['content']['application/json'];

/** The order's ETag as the API sends it back (a weak validator over its version). */
export const ifMatchOf = (order: Pick<Order, 'version'>) => `W/"${order.version}"`;

/**
 * Runs one of the actions the API offers on an order (start_production, mark_mailed, cancel …) with its
 * If-Match, so a change someone else made in between is refused instead of overwritten. The buttons come
 * from the order's `availableActions`: the server decides what this user may do.
 */
export async function runOrderAction(tenantId: string, order: Order, action: ActionName, body: ActionBody = null) {
  const link = order.availableActions.find((a) => a.action === action);
  if (!link) throw new Error(`This order cannot be moved to “${action}” now.`);
  return dataOf(
    await api.POST('/api/tenants/{tenantId}/orders/{orderId}/{action}', {
      params: {
        path: { tenantId, orderId: order.id, action },
        header: link.ifMatch ? { 'if-match': ifMatchOf(order) } : {},
      },
      body,
    }),
  );
}

export async function fetchOrder(tenantId: string, orderId: string) {
  return dataOf(await api.GET('/api/tenants/{tenantId}/orders/{orderId}', { params: { path: { tenantId, orderId } } }));
}

/** Whether an order may still change by itself (a proof being made, production, mail on its way). */
export const orderIsSettled = (status: string) =>
  status === 'completed' || status === 'cancelled' || status === 'failed';
