// The worked example of docs/topics/packaging.md: a generated template, a merge template, and
// what `wsapp package --merge-template` makes of them. docs/test/packaging.test.ts merges the
// first two with the CLI's own merge function and checks the result is `merged`.

// #region generated
export const generated = {
  Resources: {
    WebsocketMessage: {
      Type: 'AWS::Serverless::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'app.handler',
        Tags: { wsapp: 'version=0.1.0:stage=dev:app=chat' },
        MemorySize: 128,
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
      },
    },
  },
};
// #endregion generated

// #region extension
export const extension = {
  Resources: {
    WebsocketMessage: {
      Properties: {
        MemorySize: 512,
        Environment: { Variables: { TABLE: { Ref: 'ChatTable' } } },
        Tags: { team: 'chat' },
        Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:tools:1'],
      },
    },
    ChatTable: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' } },
  },
};
// #endregion extension

// #region merged
export const merged = {
  Resources: {
    WebsocketMessage: {
      Type: 'AWS::Serverless::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'app.handler',
        Tags: { wsapp: 'version=0.1.0:stage=dev:app=chat', team: 'chat' },
        MemorySize: 512,
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps', TABLE: { Ref: 'ChatTable' } } },
        Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:tools:1'],
      },
    },
    ChatTable: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' } },
  },
};
// #endregion merged
