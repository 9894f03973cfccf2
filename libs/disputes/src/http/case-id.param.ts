import { Param, ParseUUIDPipe } from '@nestjs/common';

/** `:caseId` in the path, a UUID (anything else is a 400 naming it, before any lookup). */
export const CaseIdPath = (): ParameterDecorator => Param('caseId', new ParseUUIDPipe());
