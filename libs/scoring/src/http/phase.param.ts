import { applyDecorators, Param, ParseEnumPipe, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName } from '../domain/judging.events';

const PHASES = Object.fromEntries(PHASE_NAMES.map((phase) => [phase, phase])) as Record<PhaseName, PhaseName>;

/** The `:phase` path segment: preliminary, semi-final or final (anything else is a 400). */
export const PhasePath = (): ParameterDecorator => Param('phase', new ParseEnumPipe(PHASES));
export const EventIdPath = (): ParameterDecorator => Param('eventId', ParseUUIDPipe);

export const ApiPhaseParam = (): MethodDecorator => applyDecorators(ApiParam({ name: 'phase', enum: PHASE_NAMES, description: 'The phase: preliminary, semi-final or final.' }));
