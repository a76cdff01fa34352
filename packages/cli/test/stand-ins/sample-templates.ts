import type { StandInTemplate } from './cloudformation-template';

/** The logical ids of {@link standInSampleTemplate}, in template order. */
export const STAND_IN_SAMPLE_RESOURCE_IDS = ['WebsocketMessageLogGroup', 'WebsocketMessage', 'WebsocketAPI', 'Uploads', 'WebsocketAPIStage'];

/**
 * A small template in the shape `wsapp package` writes (a SAM function with a given `Role`, its
 * log group, a WebSocket API, a stage and the URL output), plus a bucket, for driving the
 * CloudFormation stand-in in tests. `codeUri` tells deploys of new code apart.
 */
export function standInSampleTemplate(codeUri = 's3://artifacts/app/1.zip'): StandInTemplate {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Resources: {
      WebsocketMessageLogGroup: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${AWS::StackName}-WebsocketMessage' } },
      },
      WebsocketMessage: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Runtime: 'nodejs20.x',
          Handler: 'app.handler',
          CodeUri: codeUri,
          Role: 'arn:aws:iam::123456789012:role/given',
        },
      },
      WebsocketAPI: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: { Name: 'sample-websocket-api', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' },
      },
      Uploads: { Type: 'AWS::S3::Bucket' },
      WebsocketAPIStage: {
        Type: 'AWS::ApiGatewayV2::Stage',
        DependsOn: ['WebsocketAPI'],
        Properties: { ApiId: { Ref: 'WebsocketAPI' }, StageName: 'dev' },
      },
    },
    Outputs: {
      WebsocketAPIId: { Value: { Ref: 'WebsocketAPI' } },
      WebsocketMessageHandlerArn: { Value: { 'Fn::GetAtt': ['WebsocketMessage', 'Arn'] } },
      WebsocketConnectEndpointURL: {
        Value: { 'Fn::Sub': 'wss://${WebsocketAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/dev/' },
      },
      UploadsInfo: {
        Value: {
          'Fn::Join': [
            ' ',
            [{ Ref: 'Uploads' }, { 'Fn::Sub': ['${Name}@${AWS::AccountId}/${AWS::Partition}', { Name: { Ref: 'AWS::StackName' } }] }],
          ],
        },
      },
    },
  };
}

/**
 * A template with a parameter without a default (`Stage`), one with (`Size`), an IAM role
 * (which needs CAPABILITY_IAM) and an output built from all three.
 */
export function standInParameterisedTemplate(): StandInTemplate {
  return {
    Parameters: { Stage: { Type: 'String' }, Size: { Type: 'String', Default: 'small' } },
    Resources: { Role: { Type: 'AWS::IAM::Role' } },
    Outputs: { Where: { Value: { 'Fn::Sub': '${Stage}-${Size}-${Role.Arn}' } } },
  };
}
