// Where a gateway app's notifications go, as the delivery log names it: a gateway notification has
// no webhook endpoint, so its delivery's endpoint_id is 'app:<app_id>' (it is sent to its trade's
// notify_url while the app is active). Kept apart from the rest of notify so that the identity
// module, which disables apps, can name an app's deliveries without depending on the sender.

const prefix = 'app:';

/** Why a gateway notification of a disabled app was not sent (its delivery's last error). */
export const appDisabledError = 'app disabled';

/** The endpoint_id of the deliveries of an app's notifications. */
export function appTarget(appId: string): string {
  return `${prefix}${appId}`;
}

/** The app whose notifications a delivery carries, or undefined for a webhook endpoint's delivery. */
export function appOfTarget(endpointId: string): string | undefined {
  return endpointId.startsWith(prefix) ? endpointId.slice(prefix.length) : undefined;
}
