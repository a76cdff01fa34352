/**
 * What the client reads from `typeof app`: the `'~wsapp'` field a `WsApp` declares (types only,
 * no value at run time). Declared here as a shape, so the client never imports the server.
 * `routes` maps each route key (`'$default'` too) to the Standard Schema input type of its body;
 * `heartbeat` is the app's `app.heartbeat()` route key and answer, or `undefined` without one.
 *
 * @example
 * ```ts
 * import type { app } from '../server/app'; // a type-only import: no server code in the bundle
 *
 * const client = createClient<typeof app>(url);
 * ```
 */
export interface WsAppContract {
  readonly '~wsapp': {
    readonly routes: Record<string, { input: unknown }>;
    readonly heartbeat: { routeKey: string; response: string } | undefined;
  };
}

/**
 * The app of a client created without a type parameter: any route key, any body, and the
 * default heartbeat unless told otherwise.
 *
 * @example
 * ```ts
 * const client: WebsocketClient<AnyApp> = createClient(url);
 * client.send('anything', { at: 'all' });
 * ```
 */
export interface AnyApp extends WsAppContract {
  readonly '~wsapp': {
    readonly routes: Record<string, { input: unknown }>;
    readonly heartbeat: { routeKey: string; response: string };
  };
}

type RoutesOf<App extends WsAppContract> = App['~wsapp']['routes'];

/**
 * The route keys `client.send` takes for an app: its typed routes, and always `'$default'`
 * (which takes any body unless the app typed it, since an app's `$default` handler is often
 * registered without a schema).
 *
 * @example
 * ```ts
 * type Keys = RouteKeyOf<typeof app>; // 'sendmessage' | 'join' | '$default'
 * ```
 */
export type RouteKeyOf<App extends WsAppContract> = (keyof RoutesOf<App> & string) | '$default';

/** `Omit` for each member of a union, leaving `unknown` and non-objects as they are. */
type OmitField<T, Field extends string> = unknown extends T ? unknown : T extends object ? Omit<T, Field> : T;

/**
 * The body `client.send(routeKey, body)` takes: the route's input without the route field (the
 * client fills it in); for `'$default'`, the input as it is.
 *
 * @example
 * ```ts
 * // app.onWsRoute('sendmessage', { body: z.object({ action: z.literal('sendmessage'), text: z.string() }) }, ...)
 * type Body = SendBody<typeof app, 'sendmessage'>; // { text: string }
 * ```
 */
export type SendBody<App extends WsAppContract, K extends RouteKeyOf<App>, RouteField extends string = 'action'> = K extends '$default'
  ? K extends keyof RoutesOf<App> ? RoutesOf<App>[K]['input'] : unknown
  : OmitField<RoutesOf<App>[K & keyof RoutesOf<App>]['input'], RouteField>;

/**
 * `client.send`'s arguments after the route key: the body, optional when a custom route's body
 * may be empty (or is untyped).
 *
 * @example
 * ```ts
 * type Args = SendArgs<typeof app, 'leave'>; // [body?: {}]
 * ```
 */
export type SendArgs<App extends WsAppContract, K extends RouteKeyOf<App>, RouteField extends string = 'action'> = K extends '$default'
  ? [body: SendBody<App, K, RouteField>]
  : {} extends SendBody<App, K, RouteField>
    ? [body?: SendBody<App, K, RouteField>]
    : [body: SendBody<App, K, RouteField>];
