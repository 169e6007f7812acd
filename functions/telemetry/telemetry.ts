import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * The one logger, metrics buffer and tracer of a function (Powertools for AWS Lambda): each reads
 * its service name from POWERTOOLS_SERVICE_NAME, which the stack sets per function. Outside Lambda
 * the tracer is off and captures nothing.
 */
export const logger = new Logger({ serviceName: 'wuzhen-portal' });
export const metrics = new Metrics({ namespace: 'WuzhenPortal', serviceName: 'wuzhen-portal' });
export const tracer = new Tracer({ serviceName: 'wuzhen-portal' });
