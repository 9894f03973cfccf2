/**
 * Marks a DTO property whose `null` means something (e.g. "remove the stored key"). The global
 * validation refuses `null` in every other property, even an optional one: class-validator's
 * @IsOptional() lets `null` through, and a `null` the command did not expect reaches the read
 * models (a contestant with `"slug": null` broke its projection).
 */
const NULLABLE = Symbol('Nullable');

export function Nullable(): PropertyDecorator {
  return (target, property) => {
    Reflect.defineMetadata(NULLABLE, true, target, property);
  };
}

export function isNullable(instance: object, property: string): boolean {
  return Reflect.getMetadata(NULLABLE, instance, property) === true;
}
