/** An error the CloudFormation stand-in answers in the query protocol's `<ErrorResponse>` shape. */
export class CloudFormationStandInError extends Error {
  constructor(
    /** The `<Code>`, which the SDK turns into the error's `name`. */
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/** The `ValidationError` (HTTP 400) CloudFormation answers most bad requests with. */
export function standInValidationError(message: string): CloudFormationStandInError {
  return new CloudFormationStandInError('ValidationError', message);
}

/** The 403 `AccessDenied` of an IAM policy that does not allow `cloudformation:ACTION`. */
export function standInAccessDenied(accountId: string, action: string, resource: string): CloudFormationStandInError {
  const message =
    `User: arn:aws:iam::${accountId}:user/stand-in is not authorized to perform: ` +
    `cloudformation:${action} on resource: ${resource}`;
  return new CloudFormationStandInError('AccessDenied', message, 403);
}
