import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { findUnsafeText, isNullable, isParsedByRoute, isUuid } from '@tally/platform';
import { InputLocation, ValidationFailed } from './validation-failed';

/** Path and query parameters named `…Id` (`eventId`, `userId`, `paymentId`) hold UUIDs. */
const ID_PARAMETER = /Id$/;

/**
 * The global validation, in front of every controller:
 * - a body must be a JSON object (400), never null, an array or a scalar;
 * - no string anywhere in a body, query or path parameter may hold a control character or an
 *   unpaired surrogate (PostgreSQL refuses NUL; such text is never meant);
 * - a parameter named `…Id` must be a UUID, checked before any query runs;
 * - class-validator on every DTO, unknown fields refused, and `null` refused unless the
 *   property is @Nullable();
 * each refusal names the field. DTOs marked @ParsedByRoute() are left to their route's own
 * parser (the hot vote path), which applies the same rules.
 */
export class TallyValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => ValidationFailed.fromClassValidator(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom' || isParsedByRoute(metadata.metatype)) return super.transform(value, metadata);
    checkShape(value, metadata);
    const result: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') refuseUnexpectedNulls(result);
    return result;
  }

  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !isParsedByRoute(metadata.metatype) && super.toValidate(metadata);
  }
}

function checkShape(value: unknown, metadata: ArgumentMetadata): void {
  const location: InputLocation = metadata.type === 'param' ? 'path' : 'field';
  if (metadata.type === 'body' && !metadata.data && !isJsonObject(value)) {
    throw new ValidationFailed([{ field: 'body', message: 'the body must be a JSON object' }], 'body');
  }
  const unsafe = findUnsafeText(value, metadata.data ?? '');
  if (unsafe !== null) {
    throw new ValidationFailed([{ field: unsafe || metadata.type, message: `${unsafe || metadata.type} must not contain control characters or unpaired surrogates` }], location);
  }
  if (metadata.data && ID_PARAMETER.test(metadata.data) && value !== undefined && !isUuid(value)) {
    throw new ValidationFailed([{ field: metadata.data, message: `${metadata.data} must be a UUID` }], location);
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** Walks the validated DTO and its nested DTOs (not free-form objects such as settings maps). */
function refuseUnexpectedNulls(dto: unknown): void {
  const problems = unexpectedNulls(dto, '');
  if (problems.length > 0) throw new ValidationFailed(problems.map((field) => ({ field, message: `${field} must not be null` })));
}

function unexpectedNulls(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => unexpectedNulls(item, `${path}[${index}]`));
  if (!isDtoInstance(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const field = path ? `${path}.${key}` : key;
    if (item === null) return isNullable(value, key) ? [] : [field];
    return unexpectedNulls(item, field);
  });
}

function isDtoInstance(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null;
}
