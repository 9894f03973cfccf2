import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { isParsedByRoute } from '@tally/platform';
import { ValidationFailed } from './validation-failed';

/**
 * The global validation: class-validator on every DTO, unknown fields refused, 422 naming each
 * field; DTOs marked @ParsedByRoute() are left to their route's own parser.
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

  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !isParsedByRoute(metadata.metatype) && super.toValidate(metadata);
  }
}
