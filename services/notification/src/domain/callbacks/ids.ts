/**
 * A provider's callback names our message and practice (custom_args, the status-callback URL's query):
 * signed by the provider, but still checked for shape before it reaches a query.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isUuid = (value: string) => UUID.test(value);
