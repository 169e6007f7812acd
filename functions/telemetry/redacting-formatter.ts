import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { currentRequestId } from './correlation.ts';
import { redact, redactText } from './redaction.ts';

/**
 * Powertools' standard keys (level, message, timestamp, service, the Lambda context's function name,
 * request id and cold start, the X-Ray trace), with two additions at the one place every line
 * passes: the request the line belongs to (correlation.ts), and the redaction guard (redaction.ts)
 * over the message and everything a caller passed.
 */
export class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const requestId = currentRequestId();
    const fields = redact({ ...(requestId ? { requestId } : {}), ...additional }, (error) =>
      this.formatError(error),
    ) as LogAttributes;
    const lambda = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: redactText(attributes.message ?? ''),
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: lambda?.coldStart,
        function_name: lambda?.functionName,
        function_request_id: lambda?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(fields);
  }
}
