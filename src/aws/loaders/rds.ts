import { paginateDescribeDBInstances, type DBInstance } from '@aws-sdk/client-rds';
import { defineLoader } from '../loader.js';
import { collect } from './paginate.js';

export const dbInstances = defineLoader({
  id: 'rds.dbInstances',
  actions: ['rds:DescribeDBInstances'],
  async fetch({ aws }, region: string): Promise<DBInstance[]> {
    return collect(paginateDescribeDBInstances({ client: aws.rds(region), pageSize: 100 }, {}), (p) => p.DBInstances);
  },
});
