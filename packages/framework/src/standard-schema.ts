/**
 * The Standard Schema v1 interface (https://standardschema.dev), written out here so the framework
 * takes any validator that implements it (zod, valibot, arktype, ...) without depending on one.
 * Only the types are part of the contract; a schema is an object with a `~standard` property.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const schema: StandardSchema<{ text: string }> = z.object({ text: z.string() });
 * ```
 */
export interface StandardSchema<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaProps<Input, Output>;
}

/**
 * What a {@link StandardSchema} carries under `~standard`.
 *
 * @example
 * ```ts
 * const result = await schema['~standard'].validate({ text: 'hi' });
 * ```
 */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1;
  readonly vendor: string;
  readonly validate: (value: unknown) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
  /** Present only in the types: the input and output types a validator infers. */
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
}

/**
 * The result of validating a value: the (possibly transformed) value, or the issues.
 *
 * @example
 * ```ts
 * const result: StandardSchemaResult<number> = { value: 1 };
 * ```
 */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

/**
 * One problem a validator found, with where in the value it is.
 *
 * @example
 * ```ts
 * const issue: StandardSchemaIssue = { message: 'Expected string', path: ['text'] };
 * ```
 */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * The type a schema accepts.
 *
 * @example
 * ```ts
 * type Sent = InferSchemaInput<typeof SendMessage>;
 * ```
 */
export type InferSchemaInput<S extends StandardSchema> = NonNullable<S['~standard']['types']>['input'];

/**
 * The type a schema produces: what a handler gets as `event.jsonBody`.
 *
 * @example
 * ```ts
 * type Received = InferSchemaOutput<typeof SendMessage>;
 * ```
 */
export type InferSchemaOutput<S extends StandardSchema> = NonNullable<S['~standard']['types']>['output'];

/**
 * Whether a value is a Standard Schema v1 validator.
 *
 * @example
 * ```ts
 * isStandardSchema(z.string()); // true
 * ```
 */
export function isStandardSchema(value: unknown): value is StandardSchema {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as Partial<StandardSchema>)['~standard'];
  return typeof props === 'object' && props !== null && props.version === 1 && typeof props.validate === 'function';
}
