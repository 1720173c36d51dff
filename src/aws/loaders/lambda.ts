import type { FunctionConfiguration, FunctionUrlConfig } from '@aws-sdk/client-lambda';
import { isErrorNamed, MalformedResponse } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { LambdaClient, GetPolicyCommand, paginateListFunctionUrlConfigs, paginateListFunctions } =
  sdk<typeof import('@aws-sdk/client-lambda')>('@aws-sdk/client-lambda');

registerClient('lambda', LambdaClient);

/**
 * Every function of the region (their unpublished $LATEST configuration). ListFunctions carries
 * the runtime, package type and VPC configuration, so the runtime and VPC checks cost one
 * paginated read; 50 is its largest MaxItems.
 */
export const functions = defineLoader({
  id: 'lambda.functions',
  actions: ['lambda:ListFunctions'],
  async fetch({ aws }, region: string): Promise<FunctionConfiguration[]> {
    return listAll(
      'lambda:ListFunctions',
      'Functions',
      'NextMarker',
      paginateListFunctions({ client: aws.client('lambda', region), pageSize: 50 }, {}),
      (p) => p.Functions,
    );
  },
});

/**
 * The function's resource-based policy; null when it has none. Lambda answers a function without
 * a policy with ResourceNotFoundException (GetPolicy, "Errors"); a 200 without a Policy is an
 * unusable answer, not "no policy".
 */
export const functionPolicy = defineLoader({
  id: 'lambda.functionPolicy',
  actions: ['lambda:GetPolicy'],
  async fetch({ aws }, region: string, functionName: string): Promise<string | null> {
    try {
      const { Policy } = await aws.client('lambda', region).send(new GetPolicyCommand({ FunctionName: functionName }));
      if (typeof Policy !== 'string' || !Policy.trim())
        throw new MalformedResponse('it held no Policy (a function without one answers ResourceNotFoundException)', 'lambda:GetPolicy');
      return Policy;
    } catch (error) {
      if (isErrorNamed(error, 'ResourceNotFoundException')) return null;
      throw error;
    }
  },
});

/** The function URLs of one function (its unqualified URL and those of its aliases); no bulk form exists. */
export const functionUrls = defineLoader({
  id: 'lambda.functionUrls',
  actions: ['lambda:ListFunctionUrlConfigs'],
  async fetch({ aws }, region: string, functionName: string): Promise<FunctionUrlConfig[]> {
    return listAll(
      'lambda:ListFunctionUrlConfigs',
      'FunctionUrlConfigs',
      'NextMarker',
      paginateListFunctionUrlConfigs({ client: aws.client('lambda', region), pageSize: 50 }, { FunctionName: functionName }),
      (p) => p.FunctionUrlConfigs,
    );
  },
});
