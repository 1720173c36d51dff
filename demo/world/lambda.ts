import type { FunctionConfiguration, FunctionUrlConfig } from '@aws-sdk/client-lambda';
import { doc, STRANGER_ACCOUNT } from './policies.js';
import { awsError, byRegion, DEMO_ACCOUNT, type Handlers } from './types.js';

interface DemoFunction {
  config: FunctionConfiguration;
  policy?: string;
  urls?: Array<Pick<FunctionUrlConfig, 'AuthType'>>;
}

const fn = (
  region: string,
  name: string,
  config: Partial<FunctionConfiguration>,
  extra: Omit<DemoFunction, 'config'> = {},
): DemoFunction => ({
  config: {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:${region}:${DEMO_ACCOUNT}:function:${name}`,
    PackageType: 'Zip',
    Handler: 'index.handler',
    LastModified: '2026-10-01T09:00:00.000+0000',
    ...config,
  },
  ...extra,
});
const arnOf = (region: string, name: string) => `arn:aws:lambda:${region}:${DEMO_ACCOUNT}:function:${name}`;
const vpc = (VpcId: string, SubnetIds: string[]) => ({ VpcConfig: { VpcId, SubnetIds, SecurityGroupIds: ['sg-0e55internal00005'] } });

const functions: Partial<Record<string, DemoFunction[]>> = {
  'us-east-1': [
    fn(
      'us-east-1',
      'orders-api',
      { Runtime: 'nodejs22.x', ...vpc('vpc-0demo0001', ['subnet-0pub0000001', 'subnet-0pub0000002']) },
      {
        // API Gateway of this account only: inside the zone of trust.
        policy: doc({
          Sid: 'ApiGatewayInvoke',
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: arnOf('us-east-1', 'orders-api'),
          Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${DEMO_ACCOUNT}:a1b2c3/*` } },
        }),
      },
    ),
    fn(
      'us-east-1',
      'legacy-thumbnailer',
      { Runtime: 'python3.8', VpcConfig: { SubnetIds: [], SecurityGroupIds: [] } },
      {
        // S3 may invoke it on behalf of any bucket, in any account: the confused deputy.
        policy: doc({
          Sid: 'S3Invoke',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: arnOf('us-east-1', 'legacy-thumbnailer'),
        }),
        urls: [{ AuthType: 'AWS_IAM' }],
      },
    ),
  ],
  'eu-west-1': [
    fn(
      'eu-west-1',
      'public-webhook',
      { Runtime: 'python3.13', ...vpc('vpc-0demo0004', ['subnet-0eu00000006']) },
      {
        policy: doc(
          {
            Sid: 'FunctionURLAllowPublicAccess',
            Effect: 'Allow',
            Principal: '*',
            Action: 'lambda:InvokeFunctionUrl',
            Resource: arnOf('eu-west-1', 'public-webhook'),
            Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
          },
          {
            Sid: 'PartnerInvoke',
            Effect: 'Allow',
            Principal: { AWS: STRANGER_ACCOUNT },
            Action: 'lambda:InvokeFunction',
            Resource: arnOf('eu-west-1', 'public-webhook'),
          },
        ),
        urls: [{ AuthType: 'NONE' }],
      },
    ),
    fn('eu-west-1', 'report-renderer', { PackageType: 'Image', ...vpc('vpc-0demo0002', ['subnet-0eu00000005', 'subnet-0eu00000007']) }),
  ],
};

function find(region: string, name: unknown): DemoFunction {
  const found = byRegion(functions, region).find((f) => f.config.FunctionName === name || f.config.FunctionArn === name);
  if (!found) throw awsError('ResourceNotFoundException', `Function not found: ${String(name)}`, 404);
  return found;
}

export const lambdaHandlers: Handlers = {
  ListFunctions: (region) => ({ Functions: byRegion(functions, region).map((f) => f.config) }),
  GetPolicy: (region, input) => {
    const { policy } = find(region, input.FunctionName);
    if (!policy) throw awsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
    return { Policy: policy, RevisionId: 'rev-1' };
  },
  ListFunctionUrlConfigs: (region, input) => {
    const f = find(region, input.FunctionName);
    return {
      FunctionUrlConfigs: (f.urls ?? []).map((u, i) => ({
        ...u,
        FunctionArn: f.config.FunctionArn,
        FunctionUrl: `https://${f.config.FunctionName}-${i}.lambda-url.${region}.on.aws/`,
        CreationTime: '2026-10-01T09:00:00.000Z',
        LastModifiedTime: '2026-10-01T09:00:00.000Z',
      })),
    };
  },
};
