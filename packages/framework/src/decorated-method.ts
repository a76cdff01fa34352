import { WsAppConfigurationError } from './errors';

/**
 * Adapts a method decorated with one of the app's TC39 decorators (`@app.onWsMessage()`,
 * `@app.middleware()`, `@app.authorizer()`...) into a plain function that calls it on the
 * first instance of its class. Legacy (`experimentalDecorators`) calls and decorated fields
 * are refused with an error that says what to change; a call before any instance exists is
 * an error that says to create one.
 *
 * @example
 * ```ts
 * return (method, context) => register(decoratedMethod(method, context, '@app.onWsMessage()'));
 * ```
 */
export function decoratedMethod<Args extends unknown[], Result>(
  method: (...args: Args) => Result,
  context: ClassMethodDecoratorContext | unknown,
  decorator: string,
): (...args: Args) => Result {
  if (typeof context !== 'object' || context === null) {
    // TypeScript's legacy decorators call (prototype, propertyKey, descriptor).
    throw new WsAppConfigurationError(
      `${decorator} is a standard (TC39) decorator, but it was called as a legacy one: ` +
        'remove "experimentalDecorators": true from tsconfig.json (TypeScript 5 compiles standard decorators without it)',
    );
  }
  const methodContext = context as ClassMethodDecoratorContext;
  if (methodContext.kind !== 'method') {
    throw new WsAppConfigurationError(`${decorator} decorates methods only, not a ${String(methodContext.kind)}`);
  }
  let target: unknown;
  let bound = false;
  const methodName = String(methodContext.name);
  methodContext.addInitializer(function (this: unknown) {
    if (!bound) {
      target = this;
      bound = true;
    }
  });
  return (...args: Args): Result => {
    if (!bound) {
      throw new WsAppConfigurationError(
        `Websocket handler ${methodName} is a method decorated with ${decorator}; create an instance of its class before events arrive`,
      );
    }
    return method.apply(target, args);
  };
}
