import { ApiProperty } from '@nestjs/swagger';

/** A compliance report as issued: kept in compliance_reports under its id with the SHA-256 of its JSON. */
export class ComplianceReportResponse {
  @ApiProperty({ format: 'uuid' })
  reportId!: string;

  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the report as stored, to check a copy against.' })
  sha256!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The report itself (per contest: votes by status reconciled with the tally, fraud decisions, payments; per tenant: GDPR requests, admin acts).' })
  report!: object;
}

/** The report's media types: the JSON answer, or the report alone as CSV (`format=csv`) or PDF (`format=pdf`). */
export const COMPLIANCE_REPORT_CONTENT = {
  'application/json': { schema: { $ref: '#/components/schemas/ComplianceReportResponse' } },
  'text/csv': { schema: { type: 'string' as const, description: 'The report as CSV; X-Report-Id and X-Report-Sha256 name the issued report.' } },
  'application/pdf': { schema: { type: 'string' as const, format: 'binary', description: 'The report as a PDF (id, time and SHA-256 printed in it; X-Report-Id and X-Report-Sha256 too).' } },
};
